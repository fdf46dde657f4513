import type { SnapshotTransformer } from "./case-types";
import { mapStrings, rewriteMembers } from "./json-walk";
import { parseSimpleJsonPath, pathMatches } from "./match-json-path";

/** The recording writes this as `arg0` when the masked value was only known at run time. */
const RUNTIME_VALUE = "<runtime value>";

/** `TaskToken` -> `task-token`, `MD5OfMessageBody` -> `m-d5-of-message-body` (the recorder's rule). */
export function hyphenateKey(key: string): string {
  return key.replace(/(?!^)(?=[A-Z])/g, "-").toLowerCase();
}

/** Replaces every occurrence of each key of `references` inside every string, longest first. */
export function replaceReferences(root: unknown, references: Map<string, string>): void {
  const entries = [...references.entries()].filter(([from]) => from.length > 0);
  if (entries.length === 0) return;
  entries.sort((a, b) => b[0].length - a[0].length);
  mapStrings(root, (text) => {
    let out = text;
    for (const [from, to] of entries) if (out.includes(from)) out = out.split(from).join(to);
    return out;
  });
}

/**
 * Replaces the values selected by `select`. With `reference`, each distinct value becomes
 * `<replacement:N>` and its other occurrences inside strings are replaced too; without it
 * every selected value becomes `replacement` as is.
 */
function replaceSelected(
  root: unknown,
  select: (key: string | number, path: (string | number)[]) => boolean,
  replacement: string,
  reference: boolean,
): void {
  const labels = new Map<string, string>();
  rewriteMembers(root, (key, value, path) => {
    if (!select(key, path)) return undefined;
    // Values the recording already masked (they reach the interpreter through recorded
    // inputs and service results) stay as they are.
    if (typeof value === "string" && /^<.*>$/.test(value)) return value;
    if (!reference) return replacement;
    const text = typeof value === "string" ? value : JSON.stringify(value);
    let label = labels.get(text);
    if (!label) {
      label = `<${replacement}:${labels.size + 1}>`;
      labels.set(text, label);
    }
    return label;
  });
  const stringLabels = new Map([...labels].filter(([from]) => !from.startsWith("<")));
  replaceReferences(root, stringLabels);
}

/**
 * Applies the case's own `notes.snapshot_transformers` that can be reproduced on the
 * interpreter's side: regex replacements with a literal pattern, JSONPath and key/value
 * replacements. Replacements of values only known at recording time (`<runtime value>`) and
 * the recorder's custom Python functions cannot be replayed exactly (see GenericTransformer); inputs already
 * carry those masked values, so they flow through the interpreter unchanged.
 */
export function applySnapshotTransformers(root: unknown, transformers: readonly SnapshotTransformer[]): void {
  for (const t of transformers) {
    switch (t.transformer) {
      case "RegexTransformer":
      case "transform.regex": {
        if (!t.arg0 || t.arg0 === RUNTIME_VALUE || t.arg1 === undefined) break;
        let pattern: RegExp;
        try {
          pattern = new RegExp(t.arg0, "g");
        } catch {
          break;
        }
        const to = t.arg1;
        mapStrings(root, (text) => text.replace(pattern, () => to));
        break;
      }
      case "JsonpathTransformer": {
        const steps = parseSimpleJsonPath(t.jsonpath ?? t.arg0 ?? "");
        const replacement = t.replacement ?? t.arg1;
        if (!steps || replacement === undefined) break;
        replaceSelected(root, (_key, path) => pathMatches(steps, path), replacement, t.replace_reference ?? true);
        break;
      }
      case "transform.key_value": {
        const key = t.arg0;
        if (!key) break;
        replaceSelected(root, (k) => k === key, t.arg1 ?? hyphenateKey(key), t.replace_reference ?? true);
        break;
      }
      case "GenericTransformer":
        // The recorder's custom functions are not recorded; the only ones in the suite turn
        // every `output` JSON text (arrays included) into JSON, so do that.
        rewriteMembers(root, (key, value) => {
          if (key !== "output" || typeof value !== "string") return undefined;
          try {
            return JSON.parse(value) as unknown;
          } catch {
            return undefined;
          }
        });
        break;
      default:
        break;
    }
  }
}
