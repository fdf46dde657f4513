import os from "node:os";

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  date: string;
  /** 1-minute load average when asked: other work on the machine skews timings. */
  loadAverage: number;
}

/** What the figures were measured on. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: typeof os.availableParallelism === "function" ? os.availableParallelism() : cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
