/**
 * What the search box matches, on both stores: the lower-cased, trimmed text of `q` as a literal
 * substring of an execution's search text (which buildSearchText stores lower-cased). Null when
 * there is nothing to search for (no `q`, or only white space): the filter is then not applied.
 *
 * Case: the term is lower-cased in JS (full Unicode) like the stored text; on SQLite the text is
 * compared ASCII-case-insensitively as LIKE always did (so a row written in capitals by some other
 * writer still matches), on PostgreSQL as stored. Every character is literal: `%`, `_`, `\`, `"`,
 * `*` and words such as AND, OR, NEAR mean themselves.
 */
export function searchTerm(q: string | undefined): string | null {
  const term = q?.trim().toLowerCase();
  return term ? term : null;
}

/**
 * A LIKE pattern matching `term` anywhere, for PostgreSQL, whose LIKE takes the backslash as its
 * escape character unless told otherwise (`ESCAPE '\'` is the default): `\`, `%` and `_` are
 * escaped so they match themselves.
 */
export function containsPattern(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The FTS5 query for `term` on the trigram index: one quoted phrase (inside quotes only `"` is
 * special, written twice), which matches rows containing the term as a substring. Null when the
 * index cannot answer: fewer than three characters (the tokenizer indexes three-character
 * sequences) or a NUL character (FTS5's query parser stops at it).
 */
export function trigramPhrase(term: string): string | null {
  if (Array.from(term).length < 3 || term.includes("\u0000")) return null;
  return `"${term.replace(/"/g, '""')}"`;
}
