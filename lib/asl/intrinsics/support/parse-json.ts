const NEGATIVE_ZERO = /-0(?![.\deE])/;

/** JSON.parse, except that `-0` becomes 0 as in AWS's Java JSON (StringToJson("-0") -> 0). */
export function parseJson(text: string): unknown {
  if (!NEGATIVE_ZERO.test(text)) return JSON.parse(text);
  return JSON.parse(text, (_key, value) => (value === 0 ? 0 : value));
}
