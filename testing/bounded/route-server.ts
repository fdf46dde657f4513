/**
 * The dashboard's own route handlers behind a plain node:http server, for tests that need a real
 * server process without a `next build` (see bounded-server.test.ts): GET /api/executions, POST
 * /api/executions/{id}/replay and the SFN API (POST / with X-Amz-Target, as proxy.ts rewrites it).
 * Prints `listening <port>` once it listens on 127.0.0.1 (PORT, default: any free port).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { POST as replay } from "@/app/api/executions/[id]/replay/route";
import { GET as list } from "@/app/api/executions/route";
import { POST as sfn } from "@/app/api/sfn/route";
import { register } from "@/instrumentation";

async function answer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === "GET" && url.pathname === "/api/executions") return list(request);
  const replayed = /^\/api\/executions\/([^/]+)\/replay$/.exec(url.pathname);
  if (request.method === "POST" && replayed) return replay(request, { params: Promise.resolve({ id: replayed[1] }) });
  if (request.method === "POST" && url.pathname === "/" && request.headers.get("x-amz-target")) return sfn(request);
  return Response.json({ error: "not found" }, { status: 404 });
}

const server = http.createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
    const response = await answer(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: (error as Error).message }));
  }
});
// as `next start` does at startup
process.env.NEXT_RUNTIME = "nodejs";
await register();
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
