/**
 * An exclusive, process-level lock on an embedded database directory.
 *
 * PGlite takes no lock of its own, and two processes on one directory
 * silently lose rows (or leave it unreadable). We create `<dir>.lock`
 * atomically (O_EXCL) holding our pid; a lock whose pid is no longer alive is
 * stale and is taken over. The lock is released when the process exits.
 */
import fs from "node:fs";
import path from "node:path";

export class DatabaseLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holderPid: number,
  ) {
    super(
      `The embedded database at ${dir} is in use by another FieldKey process (pid ${holderPid}). ` +
        `Stop that process first, or point this one at a different directory with FIELDKEY_DATA_DIR, ` +
        `or use a PostgreSQL server (DATABASE_URL) to run several processes. Nothing was opened or changed.`,
    );
    this.name = "DatabaseLockedError";
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const held = new Set<string>();

/** Take the lock for `dir` or throw DatabaseLockedError. Returns a release function. */
export function lockDirectory(dir: string): () => void {
  const lockPath = path.resolve(dir) + ".lock";
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let tries = 0; tries < 5; tries++) {
    try {
      const fd = fs.openSync(lockPath, "wx", 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.add(lockPath);
      const release = () => {
        if (!held.delete(lockPath)) return;
        try {
          if (fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let holder = NaN;
    try {
      holder = Number(fs.readFileSync(lockPath, "utf8").trim());
    } catch {
      continue; // removed between our open and read: try again
    }
    if (holder === process.pid && held.has(lockPath)) {
      throw new DatabaseLockedError(dir, holder); // opened twice in one process: a bug
    }
    if (alive(holder)) throw new DatabaseLockedError(dir, holder);
    // Stale: move it aside atomically; whoever wins the rename retries the create.
    try {
      fs.renameSync(lockPath, `${lockPath}.stale-${process.pid}`);
      fs.unlinkSync(`${lockPath}.stale-${process.pid}`);
    } catch {
      /* another process took it over first */
    }
  }
  throw new Error(`Could not take the lock on ${dir}`);
}
