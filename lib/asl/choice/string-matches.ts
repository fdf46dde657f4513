const cache = new Map<string, RegExp>();

/**
 * StringMatches: `*` matches any run of characters (including none); `\*` is a literal asterisk
 * and `\\` a literal backslash (in the JSON definition these are written "\\*" and "\\\\").
 */
export function stringMatches(value: string, pattern: string): boolean {
  let regex = cache.get(pattern);
  if (!regex) {
    let source = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === "\\" && i + 1 < pattern.length) source += escape(pattern[++i]);
      else if (c === "*") source += "[\\s\\S]*";
      else source += escape(c);
    }
    regex = new RegExp(`^${source}$`);
    if (cache.size > 5_000) cache.clear();
    cache.set(pattern, regex);
  }
  return regex.test(value);
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
