import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleSfnRequest } from "./handle-sfn-request";
import { hostAllowed } from "./host-allowed";
import type { LocalSfnService } from "./local-sfn-service";

export interface SfnServerOptions {
  service: LocalSfnService;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /**
   * Host header names accepted besides localhost, 127.0.0.1 and [::1] (with this server's port):
   * a name of this machine the clients use. Anything else is refused, so a web page on another
   * site cannot reach the API through DNS rebinding.
   */
  allowedHosts?: readonly string[];
  /** Called after each answered call (the audit log of `statelens sfn-local --store`). */
  onCall?: (call: SfnCallRecord) => Promise<void>;
}

export interface SfnCallRecord {
  target: string;
  body: string;
  status: number;
  responseBody: string;
  remoteAddress: string | null;
}

export interface SfnServer {
  /** `http://host:port`, the endpoint to give the AWS SDK / CLI. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Request bodies above this are refused (the SFN API's own payload limits are far below). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A plain node:http server for the local SFN API: `POST /` (any path) with an X-Amz-Target
 * header, as the AWS SDKs and CLI send it with `--endpoint-url`. Binds 127.0.0.1 by default.
 */
export function startSfnServer(options: SfnServerOptions): Promise<SfnServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((request, response) => {
    void (async () => {
      const port = (server.address() as AddressInfo | null)?.port;
      if (!hostAllowed(request.headers.host, port, options.allowedHosts ?? [])) {
        const message = `Host ${JSON.stringify(request.headers.host ?? "")} is not this server: statelens sfn-local answers requests addressed to localhost:${port}, 127.0.0.1:${port} or [::1]:${port} only (DNS rebinding); add other names with --allow-host`;
        response
          .writeHead(403, { "content-type": "application/x-amz-json-1.0", "x-amzn-errortype": "AccessDeniedException" })
          .end(JSON.stringify({ __type: "com.amazon.coral.service#AccessDeniedException", message }));
        return;
      }
      if (request.method !== "POST") {
        response
          .writeHead(405, { "content-type": "text/plain", allow: "POST" })
          .end("statelens local Step Functions API: POST awsJson requests with an X-Amz-Target header\n");
        return;
      }
      let body: string;
      try {
        body = await readBody(request);
      } catch (error) {
        response.writeHead(413, { "content-type": "text/plain" }).end(`${(error as Error).message}\n`);
        return;
      }
      const target = String(request.headers["x-amz-target"] ?? "");
      // a worker that gives up on its GetActivityTask poll (Ctrl-C, socket timeout) must not be handed a task
      const gone = new AbortController();
      response.once("close", () => {
        if (!response.writableEnded) gone.abort();
      });
      const result = await handleSfnRequest(options.service, target, body, gone.signal);
      response.writeHead(result.status, result.headers).end(result.body);
      if (options.onCall) {
        await options
          .onCall({ target, body, status: result.status, responseBody: result.body, remoteAddress: request.socket.remoteAddress ?? null })
          .catch((error: Error) => console.error(`statelens sfn-api: recording the call failed: ${error.message}`));
      }
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`internal error: ${(error as Error)?.message ?? String(error)}\n`);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      const port = (server.address() as AddressInfo).port;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        port,
        server,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body larger than ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
