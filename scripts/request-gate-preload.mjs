// Loaded with `node --import` into the Next.js server process (`npm run dev`, `statelens serve`), so
// the socket-level request gate (lib/auth/socket-gate.ts) is in place before the server accepts its
// first request. instrumentation.ts installs it too, but `next dev` loads that only on the first
// request. tsImport loads the TypeScript file without changing how Next.js loads anything else.
import { tsImport } from "tsx/esm/api";

const { installRequestGate } = await tsImport("../lib/auth/install-request-gate.ts", import.meta.url);
installRequestGate();
