import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { prepareServeAuth } from "../../auth/serve-auth";
import { resolveDatabaseUrl } from "../../db/database-url";
import { disconnectDb, openDb } from "../context";
import { nextBuild } from "../next-build";
import { readWaitClock, WAIT_CLOCK_HELP } from "../../sfn-api/wall-clock";

interface ServeOptions {
  port: string;
  host: string;
  demo?: boolean;
  dev?: boolean;
  rebuild?: boolean;
  waitClock?: string;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("migrate the store and serve the dashboard (localhost only unless STATELENS_TOKEN or STATELENS_USERS is set)")
    .option("-p, --port <port>", "port", process.env.PORT ?? "3000")
    .option("-H, --host <host>", "address to bind", process.env.STATELENS_HOST ?? "127.0.0.1")
    .option("--demo", "load the demo data first when the store is empty")
    .option("--dev", "run Next.js in development mode")
    .option("--rebuild", "rebuild the production bundle even when one exists")
    .option("--wait-clock <mode>", `the dashboard's local engine (POST /): ${WAIT_CLOCK_HELP}`)
    .action(async (options: ServeOptions) => {
      // checked here; the Next.js server's local engine reads it from STATELENS_WAIT_CLOCK
      const waitClock = readWaitClock(options.waitClock);
      // Refuses a non-local bind without STATELENS_TOKEN / STATELENS_USERS; validates the users file.
      const authEnv = await prepareServeAuth(isLocalHost(options.host));
      const root = process.cwd();
      const target = resolveDatabaseUrl();
      const require = createRequire(path.join(root, "package.json"));
      const nextBin = require.resolve("next/dist/bin/next");
      const env = {
        ...process.env,
        ...authEnv,
        DATABASE_URL: target.url,
        NEXT_TELEMETRY_DISABLED: "1",
        STATELENS_WAIT_CLOCK: waitClock,
      };
      // Every page is rendered on demand (force-dynamic), so the build never reads the store: it
      // runs while the store is migrated and the demo data loaded, not after.
      const stopBuild = new AbortController();
      let build: Promise<Error | null> = Promise.resolve(null);
      if (!options.dev && (options.rebuild || !existsSync(path.join(root, ".next", "BUILD_ID")))) {
        console.log("building the dashboard (first start only)...");
        build = nextBuild({ nextBin, cwd: root, env, signal: stopBuild.signal }).then(
          () => null,
          (error: Error) => error,
        );
      }
      try {
        const started = Date.now();
        // migrations and the data backfills they ask for
        const { db, migration } = await openDb();
        console.log(
          `statelens: store migrated (${migration.applied.length} migrations applied, ${migration.alreadyApplied.length} already) in ${seconds(Date.now() - started)}`,
        );
        if (options.demo) {
          const { seedDemoIfEmpty } = await import("./demo");
          const seeding = Date.now();
          const seeded = await seedDemoIfEmpty(db);
          console.log(
            seeded
              ? `loaded ${seeded} demo executions in ${seconds(Date.now() - seeding)}`
              : "store already has executions: demo data not loaded",
          );
        }
        await disconnectDb();
      } catch (error) {
        stopBuild.abort();
        await build;
        throw error;
      }
      const failed = await build;
      if (failed) throw failed;
      console.log(
        `statelens dashboard on http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${options.port}/executions`,
      );
      // The socket-level request gate goes in before the server accepts anything (see the preload).
      const preload = pathToFileURL(path.join(root, "scripts", "request-gate-preload.mjs")).href;
      const serverEnv = { ...env, NODE_OPTIONS: `--import ${preload} ${process.env.NODE_OPTIONS ?? ""}`.trim() };
      const child = spawn(process.execPath, [nextBin, options.dev ? "dev" : "start", "-p", options.port, "-H", options.host], {
        cwd: root,
        env: serverEnv,
        stdio: "inherit",
      });
      const stop = () => child.kill("SIGTERM");
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
      await new Promise<void>((resolve) =>
        child.on("exit", (code) => {
          process.exitCode = code ?? 0;
          resolve();
        }),
      );
    });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
