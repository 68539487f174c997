import "server-only";
import fs from "node:fs";

/**
 * An embedded PGlite folder may be opened by one process only, once: two
 * writers of the same files would silently diverge and corrupt it. The owner
 * keeps `<folder>.lock` holding its pid; anyone else is refused with a message
 * that says who holds it. A lock left by a process that has died is taken over.
 */
export class FolderInUseError extends Error {
  constructor(folder: string, holder: { pid: number; command?: string } | "this process") {
    const who =
      holder === "this process"
        ? "this same process (it is already open here)"
        : `another process (pid ${holder.pid}${holder.command ? `: ${holder.command}` : ""})`;
    super(
      `The embedded database in ${folder} is in use by ${who}. ` +
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

/** Folders this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

// A lock file younger than this with unreadable content is still being
// written by its creator, not abandoned.
const FRESH_LOCK_MS = 5_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" ? { pid: parsed.pid, command: parsed.command } : null;
  } catch {
    return null;
  }
}

function isFresh(file: string): boolean {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < FRESH_LOCK_MS;
  } catch {
    return false;
  }
}

/**
 * Moves an abandoned lock out of the way. The rename is atomic, so of two
 * processes racing to take over, one moves the old lock and the other finds
 * the new one; if what was moved turns out to be a live lock after all, it is
 * put back and the caller is refused.
 */
function clearAbandonedLock(folder: string, lockPath: string): void {
  const claim = `${lockPath}.${process.pid}.stale`;
  try {
    fs.renameSync(lockPath, claim);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = readHolder(claim);
  if (moved && moved.pid !== process.pid && isAlive(moved.pid)) {
    try {
      fs.linkSync(claim, lockPath);
    } finally {
      fs.rmSync(claim, { force: true });
    }
    throw new FolderInUseError(folder, moved);
  }
  fs.rmSync(claim, { force: true });
}

/** Takes the lock for `folder` or throws FolderInUseError. Returns the release function. */
export function lockFolder(folder: string): () => void {
  if (heldHere.has(folder)) throw new FolderInUseError(folder, "this process");
  const lockPath = `${folder}.lock`;
  const me: LockHolder = { pid: process.pid, command: process.argv.slice(1, 3).join(" ") };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(lockPath);
      // Our own pid in a lock we do not hold here: a previous life of this
      // process id (a container restarted with the same pid) left it behind.
      const abandoned = holder ? holder.pid === process.pid || !isAlive(holder.pid) : !isFresh(lockPath);
      if (!abandoned || attempt >= 3) throw new FolderInUseError(folder, holder ?? { pid: 0, command: "unknown" });
      clearAbandonedLock(folder, lockPath);
    }
  }
  heldHere.add(folder);
  const release = () => {
    process.removeListener("exit", release);
    heldHere.delete(folder);
    if (readHolder(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
  };
  process.on("exit", release);
  return release;
}
