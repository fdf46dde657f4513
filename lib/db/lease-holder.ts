import { randomUUID } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import os from "node:os";

/**
 * Who holds a lease: `<machine>:<pid>:<nonce>`, where machine is the host name plus, on Linux, the
 * process's PID namespace (containers sharing a host name do not share PIDs). A holder on this
 * machine whose process is gone (killed with SIGKILL, crashed) holds nothing: its leases can be
 * taken at once instead of after their TTL. Holders on other machines, and holders in any other
 * format, are judged by their TTL alone.
 */
export function processHolder(nonce: string = randomUUID()): string {
  if (nonce.includes(":")) throw new Error(`lease holder nonce must not contain ":", got "${nonce}"`);
  return `${thisMachine()}:${process.pid}:${nonce}`;
}

let machine: string | undefined;

function thisMachine(): string {
  if (machine === undefined) {
    let namespace = "";
    try {
      namespace = /\[(\d+)\]/.exec(readlinkSync("/proc/self/ns/pid"))?.[1] ?? "";
    } catch {
      // not Linux, or /proc not mounted: the host name alone
    }
    machine = `${os.hostname().replace(/:/g, "_")}${namespace ? `/pidns-${namespace}` : ""}`;
  }
  return machine;
}

/** The process id of a holder on this machine, or null (another machine, or not a process holder). */
function localPid(holder: string): number | null {
  const match = /^(.*):(\d+):([^:]+)$/.exec(holder);
  if (!match || match[1] !== thisMachine()) return null;
  const pid = Number(match[2]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** True only when `holder` names a process on this machine that no longer runs (or is a zombie). */
export function holderIsDead(holder: string): boolean {
  const pid = localPid(holder);
  if (pid === null || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH"; // EPERM: it runs, as another user
  }
  return isZombie(pid);
}

/** A process that exited but was not reaped yet still answers kill(pid, 0); /proc shows it as Z. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}
