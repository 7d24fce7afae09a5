// A replica keeps its id across restarts on the same host and data folder, so a restart reads as
// the same replica coming back rather than one more stopped twin in the list. The id is kept per
// hostname (a folder shared between hosts gives each host its own). While a server runs it holds
// a lock file beside the id: a second server started on the same folder and host would share the
// id, so it is refused with a message saying what to do instead.
import "server-only";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export class ReplicaIdInUse extends Error {}

export interface ReplicaIdClaim {
  id: string;
  /** False when the folder could not be written: the id is new and lasts this run only. */
  kept: boolean;
  /** Lets the next start on this folder take the id (call on shutdown). */
  release(): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The folder and file names of this host's id and lock under `dataDir`. */
export function replicaIdFiles(dataDir: string, hostname: string): { id: string; lock: string } {
  const dir = path.resolve(dataDir, "replicas");
  const name = hostname.replace(/[^A-Za-z0-9.-]/g, "_") || "host";
  return { id: path.join(dir, `${name}.id`), lock: path.join(dir, `${name}.lock`) };
}

/**
 * This host's id under `dataDir`, created on first use, with the lock that keeps a second server
 * on the same folder from using it. Throws ReplicaIdInUse when a live process holds the lock. A
 * folder that cannot be written (read-only, no permission) gives a fresh id for this run.
 */
export function claimReplicaId(dataDir: string, hostname: string, pid = process.pid): ReplicaIdClaim {
  const files = replicaIdFiles(dataDir, hostname);
  try {
    // The data folder itself with the default mode: embedded Postgres (running as its own user when
    // Meridian runs as root) must be able to pass through it to its own folder. Only ours is private.
    mkdirSync(dataDir, { recursive: true });
    mkdirSync(path.dirname(files.id), { recursive: true, mode: 0o700 });
    lock(files.lock, pid);
  } catch (err) {
    if (err instanceof ReplicaIdInUse || !unwritable(err)) throw err;
    return { id: randomUUID(), kept: false, release() {} };
  }
  const release = () => rmSync(files.lock, { force: true });
  try {
    const stored = readFileSync(files.id, "utf8").trim();
    if (UUID.test(stored)) return { id: stored.toLowerCase(), kept: true, release };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") {
      release();
      throw err;
    }
  }
  const id = randomUUID();
  // Written whole, then renamed: a crash mid-write never leaves half an id behind.
  const temp = `${files.id}.${pid}.tmp`;
  writeFileSync(temp, `${id}\n`, { mode: 0o600 });
  renameSync(temp, files.id);
  return { id, kept: true, release };
}

function lock(file: string, pid: number) {
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, String(pid), { flag: "wx", mode: 0o600 });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw err;
    }
    const holder = Number(readFileSync(file, "utf8").trim());
    if (holder && holder !== pid && alive(holder)) {
      throw new ReplicaIdInUse(
        `another server (pid ${holder}) on this host runs with the data folder ${path.dirname(path.dirname(file))}, and replicas must not share an id: ` +
          "give each server its own MERIDIAN_DATA_DIR (--data-dir), or set MERIDIAN_REPLICA_ID",
      );
    }
    // Left by a server that was killed (or, in a restarted container, by the previous pid 1).
    rmSync(file, { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function unwritable(err: unknown): boolean {
  return ["EACCES", "EPERM", "EROFS"].includes((err as NodeJS.ErrnoException).code ?? "");
}
