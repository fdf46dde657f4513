import type { IncomingMessage, ServerResponse } from "node:http";
import net from "node:net";
import { gateRequest } from "./socket-gate";

const INSTALLED = Symbol.for("statelens.requestGate");

/**
 * Puts gateRequest in front of every "request" event of every server in this process, by wrapping
 * net.Server's emit (http and https servers inherit it). Next.js creates its server before it
 * loads our code, so its server cannot be handed to us; instrumentation.ts calls this at start-up,
 * before Next.js handles the first request. Idempotent.
 */
export function installRequestGate(): void {
  const proto = net.Server.prototype as net.Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  const emit = proto.emit as (this: net.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: net.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      const refused = gateRequest(request);
      if (refused) {
        response.writeHead(refused.status, refused.headers).end(refused.body);
        return true;
      }
    }
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
  proto[INSTALLED] = true;
}
