// Child processes the bench starts, and the one place that stops them: every process is
// registered on a cleanup stack that runs in reverse on success, failure or Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";

export const PORT_RANGE = { first: 3300, last: 3320 };

const cleanups: { name: string; run: () => Promise<unknown> }[] = [];

export function onCleanup(name: string, run: () => Promise<unknown>) {
  cleanups.push({ name, run });
}

/** Wraps a cleanup so that running it early (on success) and again in cleanupAll() is safe. */
export function once(run: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= run());
}

let cleaning: Promise<void> | undefined;

/** Runs every registered cleanup once, newest first; a failing one is reported, not fatal.
 * A second caller (Ctrl-C during the normal clean-up) waits for the same pass. */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const { name, run } = cleanups.pop()!;
      await run().catch((err) => console.error(`bench: cleanup of ${name} failed: ${(err as Error).message}`));
    }
  })().finally(() => (cleaning = undefined));
  return cleaning;
}

/**
 * Runs a benchmark's body: Ctrl-C, SIGTERM or an overrun of the time budget the body sets stop
 * everything it started; a failure is printed and exits 1; cleanups always run.
 */
export async function runBench(body: (setBudget: (ms: number) => void) => Promise<number>): Promise<number> {
  let interrupted = false;
  const abort = (why: string, code: number) => {
    if (interrupted) return;
    interrupted = true;
    process.stdout.write(`bench: ${why}: stopping everything the bench started\n`);
    void cleanupAll().then(() => process.exit(code));
  };
  const onSignal = (signal: string) => abort(signal, 130);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let deadline: NodeJS.Timeout | undefined;
  const setBudget = (ms: number) => {
    clearTimeout(deadline);
    deadline = setTimeout(() => abort(`still running after ${ms / 1000} s (the time budget)`, 1), ms);
  };
  try {
    return await body(setBudget);
  } catch (err) {
    console.error(`bench: failed: ${(err as Error).stack ?? err}`);
    return 1;
  } finally {
    clearTimeout(deadline);
    await cleanupAll();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

const children = new Set<ChildProcess>();
const taken = new Set<number>();

/** The next port of 3300-3320 that nothing listens on (other agents share this machine). */
export async function freePortInRange(): Promise<number> {
  for (let port = PORT_RANGE.first; port <= PORT_RANGE.last; port++) {
    if (taken.has(port) || !(await canListen(port))) continue;
    taken.add(port);
    return port;
  }
  throw new Error(`no free port in ${PORT_RANGE.first}-${PORT_RANGE.last}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export interface Managed {
  name: string;
  child: ChildProcess;
  /** Last lines of its output, for error messages. */
  tail(): string;
  /** SIGTERM by pid, wait for exit; SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

interface StartOptions {
  name: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  onLine?: (line: string) => void;
}

/** Starts `node <args>`; its output goes to `logFile`; it is stopped by cleanupAll(). */
export function startNode({ name, args, cwd, env, logFile, onLine }: StartOptions): Managed {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const log = createWriteStream(logFile);
  const lines: string[] = [];
  let partial = "";
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    const parts = (partial + chunk.toString()).split("\n");
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (lines.length > 40) lines.shift();
      onLine?.(line);
    }
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  let stopping: Promise<void> | undefined;
  const managed: Managed = {
    name,
    child,
    tail: () => lines.join("\n"),
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        if (running()) child.kill("SIGTERM");
        const timer = setTimeout(() => {
          if (!running()) return;
          console.error(`bench: ${name} (pid ${child.pid}) ignored SIGTERM for ${graceMs / 1000} s: SIGKILL`);
          child.kill("SIGKILL");
        }, graceMs);
        await exited;
        clearTimeout(timer);
        await new Promise((resolve) => log.end(resolve));
      })();
      return stopping;
    },
  };
  onCleanup(name, () => managed.stop());
  return managed;
}

const otherPids = new Set<number>();

/** Processes we did not spawn with startNode() (embedded Postgres) but must not leave behind. */
export function killOnExit(pid: number): () => void {
  otherPids.add(pid);
  return () => otherPids.delete(pid);
}

/** Last resort if the bench exits without cleaning up: no process of ours may outlive it. */
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const pid of otherPids) {
    try {
      process.kill(pid, "SIGINT"); // Postgres' fast shutdown
    } catch {
      // already gone
    }
  }
});

function getStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
    req.end();
  });
}

/** Polls `url` until it answers 200; fails if the process exits first or time runs out. */
export async function waitForHealthy(url: string, proc: Managed, timeoutMs: number, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}) before ${url} answered:\n${proc.tail()}`);
    }
    if ((await getStatus(url, 1_000)) === 200) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s:\n${proc.tail()}`);
}
