// Where a line of invalid JSON goes wrong, for the batch protocol's `field: "line"` position.
// V8's JSON.parse names a position for some errors ("… in JSON at position 7") but not for
// others ("Unexpected token 'N', …", "Unexpected end of JSON input"), so this scanner finds the
// offset itself. Invariant (tested against JSON.parse): it returns undefined exactly for valid
// JSON (RFC 8259). Iterative, with an explicit stack, so deep nesting cannot overflow.

const ESCAPES = '"\\/bfnrt';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** The UTF-16 offset of the first character that cannot continue `s` as JSON (s.length when it
 * ends too early), or undefined when `s` is valid JSON. */
export function jsonErrorOffset(s: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
  };
  /** Scan a string starting at s[i] === '"'; false with i at the fault. */
  const string = (): boolean => {
    i++;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const n = s[i + 1];
        if (n === 'u') {
          for (let k = 2; k < 6; k++) {
            if (!/[0-9a-fA-F]/.test(s[i + k] ?? '')) {
              i += k;
              return false;
            }
          }
          i += 6;
        } else if (n !== undefined && ESCAPES.includes(n)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const stack: string[] = []; // the closing bracket of each open container
  // Loop invariant: at the top, a value is expected at i (after white space).
  for (;;) {
    ws();
    const c = s[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      if (s[i] === (c === '{' ? '}' : ']')) i++;
      else {
        stack.push(c === '{' ? '}' : ']');
        if (c === '{' && !key()) return i;
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (c === 't' || c === 'f' || c === 'n') {
      // Like V8, point past the part of the literal that matched: "nul" fails at its end.
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      let k = 0;
      while (k < word.length && s[i + k] === word[k]) k++;
      i += k;
      if (k < word.length) return i;
    } else if (!number()) return i;
    // A value is complete: close containers, or go on after a comma.
    for (;;) {
      ws();
      const close = stack[stack.length - 1];
      if (close === undefined) return i === s.length ? undefined : i;
      if (s[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      if (s[i] !== ',') return i;
      i++;
      if (close === '}' && !key()) return i;
      break;
    }
  }

  /** A number at i (RFC 8259 §6); false with i at the first character that cannot continue it. */
  function number(): boolean {
    const digits = (): boolean => {
      if (!isDigit(s[i])) return false;
      while (isDigit(s[i])) i++;
      return true;
    };
    if (s[i] === '-') i++;
    if (s[i] === '0') i++;
    else if (!digits()) return false;
    if (s[i] === '.') {
      i++;
      if (!digits()) return false;
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      if (!digits()) return false;
    }
    return true;
  }

  /** `"name" :` inside an object; false with i at the fault. */
  function key(): boolean {
    ws();
    if (s[i] !== '"' || !string()) return false;
    ws();
    if (s[i] !== ':') return false;
    i++;
    return true;
  }
}
