/**
 * Resident memory of the processes the benchmark cares about, read from
 * /proc/<pid>/status (Linux only; elsewhere the figures are left out): the
 * app server (every process in its process group) and the PostgreSQL cluster
 * (the postmaster and all its children, found from one of our backends).
 * A PostgreSQL backend's RSS counts the shared buffers it has touched, so the
 * sum over backends counts shared memory more than once: the figure to add up
 * is PSS (/proc/<pid>/smaps_rollup, shared pages split among the processes
 * sharing them), given first when readable; the private part (RssAnon) and
 * the largest shared part (RssShmem) are given too.
 */
import fs from "node:fs";

export interface ProcessMemory {
  processes: number;
  /** Sum of Pss, in KiB; null when smaps_rollup is not readable (another user's processes). */
  pssKiB: number | null;
  /** Sum of VmRSS over the processes, in KiB. */
  rssKiB: number;
  /** Sum of VmHWM (each process's peak RSS), in KiB. */
  peakKiB: number;
  /** Sum of RssAnon (private memory), in KiB. */
  anonKiB: number;
  /** The largest RssShmem of one process (shared memory it has touched), in KiB. */
  maxShmemKiB: number;
}

/** The "Name:  123 kB" lines of /proc/<pid>/status or smaps_rollup. */
function kibFields(pid: number, file: "status" | "smaps_rollup"): Map<string, number> | null {
  try {
    const fields = new Map<string, number>();
    for (const line of fs.readFileSync(`/proc/${pid}/${file}`, "utf8").split("\n")) {
      const match = /^(\w+):\s+(\d+) kB$/.exec(line);
      if (match) fields.set(match[1] as string, Number(match[2]));
    }
    return fields;
  } catch {
    return null;
  }
}

/** Parent pid and process group of a process, from /proc/<pid>/stat (fields 4 and 5: after the parenthesised name come the state, then these). */
function statOf(pid: number): { ppid: number; pgrp: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(")") + 1).trim().split(" ");
    return { ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return null;
  }
}

function allPids(): number[] {
  try {
    return fs
      .readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

export function memoryOf(pids: number[]): ProcessMemory | null {
  const memory: ProcessMemory = { processes: 0, pssKiB: 0, rssKiB: 0, peakKiB: 0, anonKiB: 0, maxShmemKiB: 0 };
  for (const pid of pids) {
    const fields = kibFields(pid, "status");
    if (!fields?.has("VmRSS")) continue;
    memory.processes += 1;
    const pss = kibFields(pid, "smaps_rollup")?.get("Pss");
    memory.pssKiB = memory.pssKiB === null || pss === undefined ? null : memory.pssKiB + pss;
    memory.rssKiB += fields.get("VmRSS") ?? 0;
    memory.peakKiB += fields.get("VmHWM") ?? 0;
    memory.anonKiB += fields.get("RssAnon") ?? 0;
    memory.maxShmemKiB = Math.max(memory.maxShmemKiB, fields.get("RssShmem") ?? 0);
  }
  return memory.processes > 0 ? memory : null;
}

/** The processes this script started in process groups of their own (the app server: startBenchServer spawns it detached). */
export function childProcessGroups(): number[] {
  const pids = allPids();
  const leaders = pids.filter((pid) => {
    const stat = statOf(pid);
    return stat !== null && stat.ppid === process.pid && stat.pgrp === pid;
  });
  return pids.filter((pid) => leaders.includes(statOf(pid)?.pgrp ?? -1));
}

/** The postmaster that `backendPid` belongs to, and all its children (backends, checkpointer, WAL writer, …). */
export function postgresClusterPids(backendPid: number): number[] {
  const postmaster = statOf(backendPid)?.ppid;
  if (!postmaster || postmaster <= 1) return [];
  return [postmaster, ...allPids().filter((pid) => statOf(pid)?.ppid === postmaster)];
}

export function describeMemory(memory: ProcessMemory | null): string {
  if (!memory) return "not measured (no /proc, or the processes are not on this machine)";
  const mb = (kib: number) => `${(kib / 1024).toFixed(0)} MB`;
  const pss = memory.pssKiB === null ? "" : `${mb(memory.pssKiB)} PSS; `;
  return `${pss}${mb(memory.rssKiB)} RSS summed (peak ${mb(memory.peakKiB)}; private ${mb(memory.anonKiB)}, largest shared ${mb(memory.maxShmemKiB)}) over ${memory.processes} process${memory.processes === 1 ? "" : "es"}`;
}
