import { mapStrings } from "./json-walk";

/**
 * Where AWS quotes a payload as JSON text inside an error cause. The recorder replaced that text
 * by `<json-input:N>` (AWS's own formatting of it cannot be reproduced: key order, spacing).
 */
const QUOTED_JSON = [
  /(could not be found in the input ')([[{][\s\S]*)('$)/,
  /(The (?:Parameters|Arguments) ')([[{][\s\S]*?)(' could not be used to start the Task)/,
];

/**
 * Replaces payload JSON quoted in error causes by `<json-input:N>`, numbered by distinct text in
 * visiting order, as the recording shows it.
 */
export function maskJsonInputs(root: unknown): void {
  const labels = new Map<string, string>();
  mapStrings(root, (text) => {
    let out = text;
    for (const pattern of QUOTED_JSON) {
      out = out.replace(pattern, (_all, before: string, json: string, after: string) => {
        let label = labels.get(json);
        if (!label) {
          label = `<json-input:${labels.size + 1}>`;
          labels.set(json, label);
        }
        return `${before}${label}${after}`;
      });
    }
    return out;
  });
}
