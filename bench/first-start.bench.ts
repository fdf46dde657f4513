/**
 * Benchmark 10: first start. A fresh checkout of a commit (`git archive`), node_modules as a
 * hardlink copy of this checkout's (Turbopack compiles nothing outside the project root, so a
 * symlink to ../node_modules fails the build), Prisma's clients generated as `npm install`'s
 * postinstall does, then `statelens serve --demo` on a free port with no build and no store, timed
 * until GET / and GET /executions answer 200 with demo executions in them; then a second start
 * (build and store present). The floor, same checkout, same run: a bare `next build` plus the
 * second start's time to first page. BENCH_FIRST_START_BASE=<commit> measures that commit too,
 * before this one, in the same run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { longestSilence, startTimeline, type Milestone, type TimedLine } from "./first-start/start-timeline";
import { startTimed } from "./first-start/run-timed";
import { log } from "./support/log";
import { machineInfo } from "./support/machine";
import { REPO_ROOT } from "./support/run-child";

export interface FirstStartOptions {
  /** commit to check out (default HEAD; BENCH_FIRST_START_REF) */
  ref?: string;
  /** a commit measured before it in the same run (BENCH_FIRST_START_BASE) */
  base?: string;
}

const TARGET_MS = 90_000;
const FIRST_PAGE_TIMEOUT_MS = 20 * 60_000;
const DEMO_NAMES = ["EcommerceOrder", "OrderFulfillment", "PaymentVerification", "ReturnProcess"];

interface StartResult {
  toFirstPageMs: number;
  milestones: Milestone[];
  longestSilence: { ms: number; after: string };
  lines: TimedLine[];
}

interface CheckoutResult {
  ref: string;
  commit: string;
  setup: { archiveMs: number; nodeModulesMs: number; prismaGenerateMs: number };
  first: StartResult;
  second: StartResult;
  bareBuild: { ms: number; milestones: Milestone[] };
  floorMs: number;
  ratio: number;
  loadBefore: number;
  loadAfter: number;
}

export async function run(options: FirstStartOptions = {}) {
  const ref = options.ref ?? process.env.BENCH_FIRST_START_REF ?? "HEAD";
  const base = options.base ?? process.env.BENCH_FIRST_START_BASE;
  const measured: CheckoutResult[] = [];
  if (base) measured.push(await measureCheckout(base));
  measured.push(await measureCheckout(ref));
  const summary = measured.map(describe).join("\n");
  return {
    target: TARGET_MS,
    measured: measured.map(({ first, second, ...rest }) => ({ ...rest, first: slim(first), second: slim(second) })),
    summary,
  };
}

const slim = ({ lines: _lines, ...rest }: StartResult) => rest;

async function measureCheckout(ref: string): Promise<CheckoutResult> {
  const commit = execFileSync("git", ["rev-parse", "--short", ref], { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  const loadBefore = machineInfo().loadAverage;
  const dir = mkdtempSync(path.join(os.tmpdir(), `statelens-first-start-${commit}-`));
  try {
    log(`first-start: fresh checkout of ${ref} (${commit}) in ${dir}`);
    let t = performance.now();
    execFileSync("sh", ["-c", `git archive --format=tar ${commit} | tar -x -C "${dir}"`], { cwd: REPO_ROOT });
    const archiveMs = performance.now() - t;
    t = performance.now();
    // realpath: this checkout's node_modules may itself be a symlink (a worktree's)
    execFileSync("cp", ["-al", realpathSync(path.join(REPO_ROOT, "node_modules")), path.join(dir, "node_modules")]);
    const nodeModulesMs = performance.now() - t;
    t = performance.now();
    execFileSync(process.execPath, ["scripts/prisma-generate.mjs"], { cwd: dir, stdio: "ignore" });
    const prismaGenerateMs = performance.now() - t;

    const env = cleanEnv(dir);
    log(`first-start: ${commit} first serve --demo (no build, no store)`);
    const first = await serveUntilFirstPage(dir, env, `${commit} first| `);
    log(`first-start: ${commit} second serve (build and store present)`);
    const second = await serveUntilFirstPage(dir, env, `${commit} second| `);

    log(`first-start: ${commit} bare next build (the build's floor)`);
    rmSync(path.join(dir, ".next"), { recursive: true, force: true });
    const build = startTimed([path.join(dir, "node_modules/next/dist/bin/next"), "build"], dir, env, `${commit} build| `);
    const code = await build.exited;
    const buildMs = performance.now() - build.startedAt;
    if (code !== 0) throw new Error(`bare next build of ${commit} exited with ${code}`);
    const floorMs = buildMs + second.toFirstPageMs;
    return {
      ref,
      commit,
      setup: { archiveMs: Math.round(archiveMs), nodeModulesMs: Math.round(nodeModulesMs), prismaGenerateMs: Math.round(prismaGenerateMs) },
      first,
      second,
      bareBuild: { ms: Math.round(buildMs), milestones: startTimeline(build.lines) },
      floorMs: Math.round(floorMs),
      ratio: Math.round((first.toFirstPageMs / floorMs) * 100) / 100,
      loadBefore,
      loadAfter: machineInfo().loadAverage,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The environment of a user's shell: no store or token of ours leaking in, a store inside the checkout. */
function cleanEnv(dir: string): NodeJS.ProcessEnv {
  const env = {} as NodeJS.ProcessEnv;
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(STATELENS_|DATABASE_URL$|PORT$|NODE_OPTIONS$|NODE_ENV$|BENCH_|NEXT_)/.test(key)) continue;
    env[key] = value;
  }
  env.DATABASE_URL = `file:${path.join(dir, "data/statelens.db")}`;
  env.NEXT_TELEMETRY_DISABLED = "1";
  return env;
}

async function serveUntilFirstPage(dir: string, env: NodeJS.ProcessEnv, echo: string): Promise<StartResult> {
  const port = await freePort();
  const serve = startTimed(["bin/statelens.mjs", "serve", "--demo", "--port", String(port)], dir, env, echo);
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = serve.startedAt + FIRST_PAGE_TIMEOUT_MS;
    const pending = new Set(["/", "/executions"]);
    while (pending.size > 0) {
      if (serve.child.exitCode !== null)
        throw new Error(`serve exited with ${serve.child.exitCode} before the first page:\n${tail(serve.lines)}`);
      if (performance.now() > deadline) throw new Error(`no first page in ${FIRST_PAGE_TIMEOUT_MS / 1000} s:\n${tail(serve.lines)}`);
      for (const route of [...pending]) if (await answers(`${base}${route}`)) pending.delete(route);
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const toFirstPageMs = performance.now() - serve.startedAt;
    const lines = [...serve.lines];
    return {
      toFirstPageMs: Math.round(toFirstPageMs),
      milestones: [...startTimeline(lines), { name: "first page", ms: Math.round(toFirstPageMs) }].map((m) => ({
        ...m,
        ms: m.ms === null ? null : Math.round(m.ms),
      })),
      longestSilence: roundSilence(longestSilence(lines, 0, toFirstPageMs)),
      lines,
    };
  } finally {
    await serve.stop();
  }
}

const roundSilence = (s: { ms: number; after: string }) => ({ ms: Math.round(s.ms), after: s.after.slice(0, 80) });

/** 200 with a demo workflow's name in the HTML: the page was rendered from the store. */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    const body = await response.text();
    return response.status === 200 && DEMO_NAMES.some((name) => body.includes(name));
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const tail = (lines: readonly TimedLine[]) =>
  lines
    .slice(-15)
    .map((l) => `  ${l.text}`)
    .join("\n");

const s = (ms: number | null) => (ms === null ? "-" : `${(ms / 1000).toFixed(1)} s`);

function describe(r: CheckoutResult): string {
  const met = r.first.toFirstPageMs <= TARGET_MS ? "met" : "MISSED";
  const timeline = (milestones: readonly Milestone[]) =>
    milestones
      .filter((m) => m.ms !== null)
      .map((m) => `${m.name} ${s(m.ms)}`)
      .join(" · ");
  return [
    `  ${r.ref} (${r.commit}), load ${r.loadBefore} -> ${r.loadAfter}; setup: git archive ${s(r.setup.archiveMs)}, node_modules hardlink copy ${s(r.setup.nodeModulesMs)}, prisma generate (postinstall) ${s(r.setup.prismaGenerateMs)}`,
    `    first serve --demo to first page      ${s(r.first.toFirstPageMs).padStart(8)}   target ${s(TARGET_MS)}: ${met}   = ${r.ratio}x the floor`,
    `      ${timeline(r.first.milestones)}`,
    `      longest silence ${s(r.first.longestSilence.ms)} after "${r.first.longestSilence.after}"`,
    `    second serve (build + store present)  ${s(r.second.toFirstPageMs).padStart(8)}`,
    `    bare next build                       ${s(r.bareBuild.ms).padStart(8)}   ${timeline(r.bareBuild.milestones)}`,
    `    floor = bare build + second start     ${s(r.floorMs).padStart(8)}`,
  ].join("\n");
}
