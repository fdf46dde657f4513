export interface TextPart {
  text: string;
  match: boolean;
}

/** Splits text around case-insensitive occurrences of `query` so they can be highlighted. */
export function splitMatches(text: string, query: string): TextPart[] {
  if (!query) return [{ text, match: false }];
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  const parts: TextPart[] = [];
  let from = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length || parts.length === 0) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** How many times `query` occurs in `text`, case-insensitive. */
export function countMatches(text: string, query: string): number {
  if (!query) return 0;
  let n = 0;
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) n++;
  return n;
}
