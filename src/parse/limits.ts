// Input limits, checked before and after parsing so that no input can hang the Earley parser or
// overflow the stack of anything downstream. Each number says where it comes from.
export const LIMITS = {
  /** characters of input: a 64-layer network written out as definitions is ~3,000 characters */
  maxLength: 100_000,
  /** tokens: the Earley parser is linear on this grammar, 20k tokens parse in well under a second */
  maxTokens: 20_000,
  /** nesting of parentheses/braces: deeper than any formula a person writes (a 64-layer network
   * as one expression nests ~130 deep), and far below Node's ~10k-frame default stack */
  maxDepth: 500,
  /** consecutive signs such as `----x`: each is a nesting level of the tree */
  maxSignRun: 100,
  /** powers chained without a break, a^b^c…: each nests one level (right-associative), and
   * right recursion costs the Earley parser quadratic time (9,000 took 85 s before this limit) */
  maxPowerChain: 100,
  /** height of the parsed tree (right-associative ^ chains also nest) */
  maxTreeDepth: 1_000,
  /** digits of one number literal */
  maxDigits: 1_000,
  /** |exponent| of a scientific literal such as 1e-300: exact rationals stay small */
  maxDecimalExponent: 1_000,
} as const;
