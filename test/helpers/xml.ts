// A minimal XML well-formedness check for the SVG pictures (test/graph/pictures.test.ts,
// matrixPictures.test.ts): tags close in order, attributes are quoted, entities known.

/** A minimal well-formedness check: every tag closes in order, attributes quoted, entities known. */
export function wellFormed(xml: string): { elements: Map<string, number> } {
  const stack: string[] = [];
  const elements = new Map<string, number>();
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  let text = '';
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    text += lt < 0 ? xml.slice(i) : xml.slice(i, lt);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [, close, name, , self] = m;
    if (close) {
      if (stack.pop() !== name) throw new Error(`</${name}> at ${lt} closes the wrong element`);
    } else {
      elements.set(name!, (elements.get(name!) ?? 0) + 1);
      if (!self) stack.push(name!);
    }
    i = tag.lastIndex;
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(', ')}`);
  const bad = text.match(/&(?!(amp|lt|gt|quot|apos);)/);
  if (bad) throw new Error('unescaped & in text');
  return { elements };
}
