import { replaceReferences } from "./apply-snapshot-transformers";
import { collectStrings, mapStrings, rewriteMembers } from "./json-walk";

/** ISO-8601 date-times with `Z` or an offset, the pattern the recorder replaced by `"date"`. */
export const ISO_DATE_TIME =
  /(?:[1-9]\d{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[1-9]\d(?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)-02-29)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-][01]\d:?(?:[0-5]\d)?)/g;

const UUID_PREFIX = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const UUID_LABEL = /<uuid:(\d+)>/g;

/**
 * Strings under a key ending in "id" (any case) that start with a UUID become `<uuid:N>`,
 * numbered in order of appearance after the labels already present (recorded service results
 * carry the recording's own labels), and every other occurrence of the same text is replaced.
 */
export function maskUuids(root: unknown): void {
  let next = 1;
  for (const text of collectStrings(root)) {
    for (const m of text.matchAll(UUID_LABEL)) next = Math.max(next, Number(m[1]) + 1);
  }
  const labels = new Map<string, string>();
  rewriteMembers(root, (key, value) => {
    if (typeof key !== "string" || !key.toLowerCase().endsWith("id")) return undefined;
    if (typeof value !== "string" || !UUID_PREFIX.test(value)) return undefined;
    let label = labels.get(value);
    if (!label) {
      label = `<uuid:${next++}>`;
      labels.set(value, label);
    }
    return label;
  });
  replaceReferences(root, labels);
}

/** Date-times anywhere inside strings become `date`. */
export function maskDates(root: unknown): unknown {
  return mapStrings(root, (text) => text.replace(ISO_DATE_TIME, "date"));
}

const ISO_AT_START = new RegExp(`^(?:${ISO_DATE_TIME.source})`);

/**
 * The value of any key containing "timestamp" (any case) becomes `"timestamp"`, unless it is
 * date-time text (that one becomes `"date"` with the other dates). Run before `maskDates`.
 */
export function maskTimestampKeys(root: unknown): void {
  rewriteMembers(root, (key, value) => {
    if (typeof key !== "string" || value === undefined) return undefined;
    const named = /timestamp/i.test(key) || key === "creationTime" || key === "ingestionTime";
    if (!named) return undefined;
    // Date text becomes "date" later; "date" and "<...>" labels were masked by the recording.
    if (typeof value === "string" && (ISO_AT_START.test(value) || value === "date" || /^<.*>$/.test(value))) return undefined;
    return "timestamp";
  });
}

const REGION = /\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-|iso-|isob-)?[a-z]+-\d\b/g;
const ARN_PARTITION = /\barn:aws(?:-[a-z]+)*:/g;
const ARN_ACCOUNT = /(arn:[^:\s"]*:[^:\s"]*:[^:\s"]*:)\d{12}(?=[:/])/g;

/** Partition, region and account inside ARNs (and bare region names) as the recording masks them. */
export function maskAwsIdentity(root: unknown): unknown {
  return mapStrings(root, (text) =>
    text.replace(ARN_PARTITION, "arn:<partition>:").replace(REGION, "<region>").replace(ARN_ACCOUNT, "$1111111111111"),
  );
}

const MAP_RUN_ARN = /(:mapRun:[^/"\s]+\/)([^:"\s]+):([^"\s:]+)/g;

/**
 * Map Run ARNs `...:mapRun:<machine>/<label>:<id>`: the label and the id become
 * `<MapRunArnPart0_Nidx>` / `<MapRunArnPart1_Nidx>` (N = 0 for the first distinct run);
 * `keepLabel` leaves the label as is, for recordings that did not mask it.
 */
export function maskMapRunArns(root: unknown, keepLabel = false): unknown {
  const runs = new Map<string, number>();
  return mapStrings(root, (text) =>
    text.replace(MAP_RUN_ARN, (whole, head: string, label: string) => {
      const key = whole;
      if (!runs.has(key)) runs.set(key, runs.size);
      const n = runs.get(key);
      const part0 = keepLabel ? label : `<MapRunArnPart0_${n}idx>`;
      return `${head}${part0}:<MapRunArnPart1_${n}idx>`;
    }),
  );
}
