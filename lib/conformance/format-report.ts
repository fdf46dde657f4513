import type { CaseResult, ConformanceReport } from "./run-conformance";
import { summarizeTiers, type TierCount } from "./summarize-tiers";

const COLUMNS = ["feature", "cases", "1 status", "2 output", "3 types", "4 events", "cause"];

function cell(t: TierCount): string {
  if (t.of === 0) return "-";
  return `${((100 * t.pass) / t.of).toFixed(1)}% ${t.pass}/${t.of}`;
}

function row(label: string, results: readonly CaseResult[]): string[] {
  const s = summarizeTiers(results);
  return [label, String(s.cases), cell(s.status), cell(s.output), cell(s.types), cell(s.events), cell(s.cause)];
}

function groupBy(results: readonly CaseResult[], key: (r: CaseResult) => string): Map<string, CaseResult[]> {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) {
    const k = key(r);
    const list = groups.get(k) ?? [];
    list.push(r);
    groups.set(k, list);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

function table(rows: string[][]): string {
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join("\n");
}

/**
 * The conformance report as text: one row per kind/feature with tier pass rates (tiers 3-4
 * count only cases with a recorded history; `cause` only failed executions), totals per kind,
 * and the final line `N passed, M failed` (passed = tiers 1 and 2 hold).
 */
export function formatReport(report: ConformanceReport): string {
  const rows: string[][] = [COLUMNS];
  for (const [label, results] of groupBy(report.cases, (r) => `${r.kind}/${r.feature}`)) rows.push(row(label, results));
  const kinds = groupBy(report.cases, (r) => r.kind);
  const totals: string[][] = [...kinds].map(([kind, results]) => row(`TOTAL ${kind}`, results));
  totals.push(row("TOTAL", report.cases));
  const crashed = report.cases.filter((r) => r.crash).length;
  return [
    table([...rows, ...totals]),
    "",
    `${report.cases.length} cases in ${(report.durationMs / 1000).toFixed(1)} s; ${crashed} crashed or timed out`,
    `${report.passed} passed, ${report.failed} failed`,
  ].join("\n");
}
