import fs from "node:fs";

/**
 * An embedded PGlite folder may be opened by one process only: two processes
 * writing the same files would silently diverge and corrupt it. The owner
 * keeps `<folder>.lock` with its pid; anyone else is refused with a message
 * that says who holds it. A lock left by a process that has died is taken over.
 */
export class FolderInUseError extends Error {
  constructor(folder: string, holder: { pid: number; command?: string }) {
    super(
      `The embedded database in ${folder} is in use by another process ` +
        `(pid ${holder.pid}${holder.command ? `: ${holder.command}` : ""}). ` +
        `Only one process may open it: stop that process first, or set DATABASE_URL ` +
        `to use PostgreSQL, which any number of processes can share.`,
    );
    this.name = "FolderInUseError";
  }
}

interface LockHolder {
  pid: number;
  command?: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" ? { pid: parsed.pid, command: parsed.command } : null;
  } catch {
    return null;
  }
}

/** Takes the lock for `folder` or throws FolderInUseError. Returns the release function. */
export function lockFolder(folder: string): () => void {
  const lockPath = `${folder}.lock`;
  const me: LockHolder = { pid: process.pid, command: process.argv.slice(1, 3).join(" ") };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      // Our own pid: a restart in a container where we got the same pid back.
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new FolderInUseError(folder, holder);
      }
      if (holder?.pid === process.pid) break;
      fs.rmSync(lockPath, { force: true });
    }
  }
  const release = () => {
    if (readHolder(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
  };
  process.once("exit", release);
  return release;
}
