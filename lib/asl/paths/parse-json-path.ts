/** One step of a definite JSONPath: a property, an array index, or (as the last step) several properties. */
export type PathSegment = { kind: "name"; name: string } | { kind: "index"; index: number } | { kind: "names"; names: string[] };

const cache = new Map<string, PathSegment[] | null>();
const CACHE_LIMIT = 10_000;

/**
 * Parses a JSONPath made only of property names (`.a`, `['a']`) and single indexes (`[0]`,
 * `[-1]`), optionally ending in a multi-property leaf (`['a','b']`): the "definite" paths that
 * select one node. Returns null for anything else (wildcards, slices, filters, `..`, functions),
 * which jsonpath-plus evaluates as an indefinite query. Results are cached by text.
 */
export function parseDefinitePath(path: string): PathSegment[] | null {
  const hit = cache.get(path);
  if (hit !== undefined) return hit;
  const parsed = parse(path);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, parsed);
  return parsed;
}

function parse(path: string): PathSegment[] | null {
  if (path.charCodeAt(0) !== 36 /* $ */) return null;
  const segments: PathSegment[] = [];
  let i = 1;
  const n = path.length;
  while (i < n) {
    const c = path[i];
    if (c === ".") {
      if (path[i + 1] === ".") return null;
      let j = i + 1;
      while (j < n && path[j] !== "." && path[j] !== "[") j++;
      const name = path.slice(i + 1, j);
      if (name === "" || name === "*" || name.includes("(")) return null;
      segments.push({ kind: "name", name });
      i = j;
    } else if (c === "[") {
      const quote = path[i + 1];
      if (quote === "'" || quote === '"') {
        const names: string[] = [];
        let j = i + 1;
        for (;;) {
          const read = readQuoted(path, j);
          if (!read) return null;
          names.push(read.value);
          j = skipSpaces(path, read.end);
          if (path[j] === ",") {
            j = skipSpaces(path, j + 1);
            continue;
          }
          if (path[j] !== "]") return null;
          break;
        }
        i = j + 1;
        if (names.length === 1) segments.push({ kind: "name", name: names[0] });
        else if (i === n) segments.push({ kind: "names", names });
        else return null;
      } else {
        const close = path.indexOf("]", i);
        if (close < 0) return null;
        const body = path.slice(i + 1, close).trim();
        if (!/^-?\d+$/.test(body)) return null;
        segments.push({ kind: "index", index: Number(body) });
        i = close + 1;
      }
    } else {
      return null;
    }
  }
  return segments;
}

function readQuoted(path: string, start: number): { value: string; end: number } | null {
  const quote = path[start];
  let value = "";
  for (let j = start + 1; j < path.length; j++) {
    const c = path[j];
    if (c === "\\" && j + 1 < path.length) {
      // Like Jayway, a backslash only stops the next character from closing the name; both stay.
      value += c + path[++j];
    } else if (c === quote) {
      return { value, end: j + 1 };
    } else {
      value += c;
    }
  }
  return null;
}

function skipSpaces(path: string, i: number): number {
  while (path[i] === " ") i++;
  return i;
}

/** The Jayway normalized form AWS prints in path errors: `$['a'][0]['b']`. */
export function normalizePath(segments: readonly PathSegment[], upTo = segments.length): string {
  let out = "$";
  for (let i = 0; i < upTo; i++) {
    const s = segments[i];
    if (s.kind === "name") out += `['${s.name}']`;
    else if (s.kind === "index") out += `[${s.index}]`;
    else out += `[${s.names.map((name) => `'${name}'`).join(",")}]`;
  }
  return out;
}
