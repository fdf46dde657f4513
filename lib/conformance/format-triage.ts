import { formatReport } from "./format-report";
import { NO_RECORDING_ERROR } from "./recorded-task-invoker";
import type { CaseResult, ConformanceReport } from "./run-conformance";
import type { Tier } from "./score-case";

const EXPRESSION_FEATURES = new Set(["choice-operators", "choice", "intrinsic-functions", "jsonata", "variables-assign"]);
const EXPRESSION_WORDS =
  /jsonata|jsonpath|intrinsic|States\.(Format|StringToJson|JsonToString|Array|MathAdd|MathRandom|Hash|Base64|UUID|JsonMerge)|\$\.|\{%|path|expression|choice|variable/i;

export interface FailureGroup {
  cause: string;
  tier: Tier | "crash";
  signature: string;
  features: Map<string, number>;
  cases: CaseResult[];
}

function failingTier(r: CaseResult): Tier | "crash" | undefined {
  if (r.crash) return "crash";
  const s = r.score;
  if (!s.status) return "status";
  if (!s.output) return "output";
  if (s.types === false) return "types";
  if (s.events === false) return "events";
  return undefined;
}

/** Strips the case-specific values from a diff so similar failures group together. */
function signatureOf(r: CaseResult, tier: Tier | "crash"): string {
  if (tier === "crash") return (r.crash ?? "").replace(/'[^']*'|"[^"]*"|\d+/g, "…").slice(0, 90);
  const diff = r.score.diffs[tier] ?? "";
  if (tier === "status") {
    const m = /^status: expected (\S+), got (\S+)(?: \(([^:]*):\s*"?([^"]{0,40}))?/.exec(diff);
    if (!m) return diff.slice(0, 90);
    const detail = m[3] !== undefined ? ` ${m[3]}: ${m[4].replace(/'[^']*'|\d+/g, "…")}` : "";
    return `${m[1]} -> ${m[2]}${detail}`;
  }
  if (tier === "types") return diff.replace(/^events\[\d+\]\.type: /, "").replace(/ \(\d+ vs \d+ events\)$/, "");
  const path = diff.split(": ")[0].replace(/\[\d+\]/g, "[]");
  if (tier === "output" && diff.startsWith("error:")) return diff;
  return path;
}

/** Failures the recording (not the engine) cannot support; listed apart so nobody chases them. */
function dataGap(r: CaseResult): string | undefined {
  const text = `${r.crash ?? ""} ${Object.values(r.score.diffs).join(" ")}`;
  if (text.includes("No ItemReaderPort")) return "data gap: S3 item source not recorded";
  if (r.tags.includes("unresolved-placeholder")) return "data gap: unresolved placeholder in definition";
  if (text.includes("recording has no outcome")) return "data gap: task result not recorded";
  if (text.includes(NO_RECORDING_ERROR)) {
    // A call the recording does not have: AWS never made it when the execution failed.
    return r.expectedStatus === "FAILED" ? undefined : "data gap: task result not recorded";
  }
  if (r.expectedStatus === "ABORTED") return "harness: needs a StopExecution call";
  return undefined;
}

function likelyCause(r: CaseResult, tier: Tier | "crash"): string {
  const gap = dataGap(r);
  if (gap) return gap;
  if (tier === "crash") return r.crash?.startsWith("no result") ? "engine (hang)" : "engine (exception)";
  if (tier === "types" || tier === "events") return "engine (history events)";
  const text = `${r.score.diffs.status ?? ""} ${r.score.diffs.output ?? ""}`;
  if (EXPRESSION_FEATURES.has(r.feature) || EXPRESSION_WORDS.test(text)) return "expressions";
  return "engine";
}

/** Groups failing cases by likely cause, first failing tier and diff signature, largest first. */
export function groupFailures(report: ConformanceReport): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const r of report.cases) {
    const tier = failingTier(r);
    if (!tier) continue;
    const cause = likelyCause(r, tier);
    const signature = signatureOf(r, tier);
    const key = `${cause}\u0000${tier}\u0000${signature}`;
    const group: FailureGroup = groups.get(key) ?? { cause, tier, signature, features: new Map(), cases: [] };
    group.cases.push(r);
    group.features.set(`${r.kind}/${r.feature}`, (group.features.get(`${r.kind}/${r.feature}`) ?? 0) + 1);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.cases.length - a.cases.length || a.signature.localeCompare(b.signature));
}

const escape = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * A Markdown triage of a conformance run for the interpreter engineers: the tier table, then
 * failure groups (largest first) with their features, a sample case id and its first diff.
 */
export function formatTriage(report: ConformanceReport, options: { title?: string; maxGroups?: number } = {}): string {
  const groups = groupFailures(report);
  const shown = groups.slice(0, options.maxGroups ?? 60);
  const byCause = new Map<string, number>();
  for (const g of groups) byCause.set(g.cause, (byCause.get(g.cause) ?? 0) + g.cases.length);
  const lines = [
    `# ${options.title ?? "Conformance triage"}`,
    "",
    "```",
    formatReport(report),
    "```",
    "",
    `Failing cases by likely cause (first failing tier decides; tiers 3-4 failures count too): ${
      [...byCause].map(([c, n]) => `${c} ${n}`).join(", ") || "none"
    }.`,
    "",
    "| # | cases | likely cause | tier | signature | features | sample case | first diff |",
    "|---|---|---|---|---|---|---|---|",
  ];
  shown.forEach((g, i) => {
    const features = [...g.features]
      .sort((a, b) => b[1] - a[1])
      .map(([f, n]) => `${f} ${n}`)
      .join(", ");
    const sample = g.cases[0];
    const diff = sample.crash ?? sample.score.diffs[g.tier as Tier] ?? "";
    lines.push(
      `| ${i + 1} | ${g.cases.length} | ${g.cause} | ${g.tier} | ${escape(g.signature)} | ${escape(features)} | \`${sample.id}\` | ${escape(diff.slice(0, 300))} |`,
    );
  });
  if (groups.length > shown.length) lines.push("", `${groups.length - shown.length} smaller groups not shown.`);
  return lines.join("\n");
}
