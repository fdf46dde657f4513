import { detailsOf, type HistoryEvent } from "../asl/history/types";

const PAYLOAD_KEYS = ["input", "output", "error", "cause", "parameters", "result"] as const;
/** Upper bound on the stored search text per execution. */
export const SEARCH_TEXT_LIMIT = 512 * 1024;

/**
 * The lower-cased text a search box matches: the execution's name and every payload, error and
 * cause in its history (each distinct text once), capped at SEARCH_TEXT_LIMIT characters.
 */
export function buildSearchText(name: string, parts: (string | null | undefined)[], events: readonly HistoryEvent[]): string {
  const seen = new Set<string>();
  let size = 0;
  const out: string[] = [];
  const add = (text: unknown) => {
    if (typeof text !== "string" || text === "" || seen.has(text) || size >= SEARCH_TEXT_LIMIT) return;
    seen.add(text);
    out.push(text);
    size += text.length + 1;
  };
  add(name);
  for (const part of parts) add(part);
  for (const event of events) {
    const details = detailsOf(event);
    if (!details) continue;
    for (const key of PAYLOAD_KEYS) add(details[key]);
  }
  return out.join("\n").slice(0, SEARCH_TEXT_LIMIT).toLowerCase();
}
