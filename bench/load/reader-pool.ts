/** One timed request made by a reader. */
export interface Sample {
  /** a label the caller chooses ("page", "api", "list"...) */
  kind: string;
  ms: number;
  status: number;
  /** "" when the response arrived (any status), else the network error */
  error: string;
}

export interface ReaderOptions {
  readers: number;
  durationMs: number;
  /** stop earlier after this many requests in total (a bound on the load) */
  maxRequests: number;
  /** picks the next URL to read (path and query); `kind` labels pages vs API calls */
  next: (reader: number, i: number) => { path: string; kind: Sample["kind"] };
  baseUrl: string;
  timeoutMs?: number;
}

/**
 * `readers` concurrent loops, each fetching one URL after another (bounded by time and count, on
 * loopback only) and recording latency and status. Bodies are read to the end, as a browser would.
 */
export async function runReaders(options: ReaderOptions): Promise<Sample[]> {
  const base = new URL(options.baseUrl);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(base.hostname))
    throw new Error(`readers only load loopback addresses, not ${base.hostname}`);
  const samples: Sample[] = [];
  const deadline = Date.now() + options.durationMs;
  let issued = 0;
  const loop = async (reader: number) => {
    for (let i = 0; Date.now() < deadline && issued < options.maxRequests; i++) {
      issued++;
      const { path, kind } = options.next(reader, i);
      const started = performance.now();
      try {
        const response = await fetch(new URL(path, base), { redirect: "manual", signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
        await response.arrayBuffer();
        samples.push({ kind, ms: performance.now() - started, status: response.status, error: "" });
      } catch (error) {
        samples.push({ kind, ms: performance.now() - started, status: 0, error: (error as Error).message || String(error) });
        await new Promise((r) => setTimeout(r, 50)); // a refused connection would otherwise spin
      }
    }
  };
  await Promise.all(Array.from({ length: options.readers }, (_, r) => loop(r)));
  return samples;
}
