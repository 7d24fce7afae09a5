// The deployment files in deploy/ cannot run here (no container runtime, no cluster), so this
// checks what can be checked: the Kubernetes manifests render with kustomize, the rendered objects
// and the compose file parse, every flag and variable they hand `meridian server` or `meridian
// proxy` is one its --help documents, and the values they set pass the server's own validation.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { checkServerConfig, parseConfig } from "@/server/env";
import { meridian } from "./support/cli";

const DEPLOY = path.resolve(import.meta.dirname, "../deploy");
const read = (file: string) => readFileSync(path.join(DEPLOY, file), "utf8");

interface Documented {
  flags: Set<string>;
  variables: Set<string>;
}

async function documented(command: "server" | "proxy"): Promise<Documented> {
  const run = await meridian([command, "--help"]);
  expect(run.code).toBe(0);
  return { flags: new Set(run.stdout.match(/--[a-z][a-z0-9-]*/g)), variables: new Set(run.stdout.match(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\bPORT\b/g)) };
}

/** What a container hands the command: its flags and the names of its environment variables. */
function undocumented(args: string[], variables: string[], help: Documented): string[] {
  const flags = args.filter((a) => a.startsWith("--")).map((a) => a.split("=", 1)[0]);
  return [...flags.filter((f) => !help.flags.has(f)), ...variables.filter((v) => !help.variables.has(v))];
}

/** A secret or password stands in where the files hold a placeholder or a reference to one. */
const SECRET = "a-test-secret-that-is-long-enough-0123456789";

let server: Documented;
let proxy: Documented;
beforeAll(async () => {
  [server, proxy] = await Promise.all([documented("server"), documented("proxy")]);
});

function kubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

type K8sObject = { kind: string; metadata: { name: string }; data?: Record<string, string>; spec: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

const hasKubectl = kubectl();
if (!hasKubectl) console.warn("deploy.test: kubectl is not installed; skipping the Kubernetes manifests (install kubectl to check them)");

describe.skipIf(!hasKubectl)("Kubernetes manifests (kubectl kustomize deploy/k8s)", () => {
  let objects: K8sObject[];
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const container = () => byKind("Deployment")[0].spec.template.spec.containers[0];

  beforeAll(() => {
    const rendered = execFileSync("kubectl", ["kustomize", path.join(DEPLOY, "k8s")], { encoding: "utf8" });
    objects = parseAllDocuments(rendered).map((doc) => {
      expect(doc.errors).toEqual([]);
      return doc.toJS() as K8sObject;
    });
  });

  it("renders a Deployment of several replicas, its Service, a PodDisruptionBudget and the settings", () => {
    expect(objects.map((o) => o.kind).sort()).toEqual(["ConfigMap", "Deployment", "PodDisruptionBudget", "Service"]);
    const deployment = byKind("Deployment")[0];
    expect(deployment.spec.replicas).toBeGreaterThan(1);
    const labels = deployment.spec.template.metadata.labels;
    for (const selector of [byKind("Service")[0].spec.selector, byKind("PodDisruptionBudget")[0].spec.selector.matchLabels]) {
      expect(labels).toMatchObject(selector);
    }
  });

  it("probes /healthz, requests resources, runs as non-root and outlasts the replica's shutdown", () => {
    const spec = byKind("Deployment")[0].spec.template.spec;
    for (const probe of ["readinessProbe", "livenessProbe"]) expect(container()[probe].httpGet.path).toBe("/healthz");
    expect(container().resources.requests).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
    expect(spec.securityContext.runAsNonRoot).toBe(true);
    // preStop sleep + worst-case shutdown (last heartbeat against an unreachable database, 2 s of draining).
    const preStop = Number(container().lifecycle?.preStop?.exec?.command?.at(-1) ?? 0);
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(preStop + 20);
  });

  it("passes only flags and variables that `meridian server --help` documents", () => {
    const c = container();
    const names = c.env.map((e: { name: string }) => e.name);
    // Kubernetes-provided values (the pod IP) appear only inside another variable's value.
    const helpers = c.env.filter((e: { valueFrom?: { fieldRef?: unknown } }) => e.valueFrom?.fieldRef).map((e: { name: string }) => e.name);
    for (const helper of helpers) expect(c.env.some((e: { value?: string }) => e.value?.includes(`$(${helper})`)), helper).toBe(true);
    const fromConfigMaps = c.envFrom.flatMap((f: { configMapRef: { name: string } }) => Object.keys(objects.find((o) => o.kind === "ConfigMap" && o.metadata.name === f.configMapRef.name)!.data!));
    expect(undocumented([...(c.command ?? []), ...c.args], [...names.filter((n: string) => !helpers.includes(n)), ...fromConfigMaps], server)).toEqual([]);
  });

  it("takes the database URL, the auth secret and the license keys from the Secret the example describes", () => {
    const c = container();
    const example = parse(read("k8s/secret.example.yaml")).stringData as Record<string, string>;
    const secretVolume = byKind("Deployment")[0].spec.template.spec.volumes.find((v: { secret?: unknown }) => v.secret);
    const mount = c.volumeMounts.find((m: { name: string }) => m.name === secretVolume.name).mountPath;
    const value = (name: string) => c.env.find((e: { name: string }) => e.name === name);
    expect(Object.keys(example)).toEqual(expect.arrayContaining([value("DATABASE_URL").valueFrom.secretKeyRef.key, ...secretVolume.secret.items.map((i: { key: string }) => i.key)]));
    for (const name of ["MERIDIAN_AUTH_SECRET", "MERIDIAN_LICENSE_PUBLIC_KEYS"]) {
      const file = value(name).value.slice(1);
      expect(secretVolume.secret.items.map((i: { path: string }) => path.join(mount, i.path))).toContain(file);
    }
  });

  it("sets values the server accepts, with production's settings: demo and the development key off", () => {
    const c = container();
    const configMap = objects.find((o) => o.kind === "ConfigMap")!.data!;
    const env: Record<string, string> = { ...configMap };
    for (const e of c.env) if (e.value !== undefined) env[e.name] = e.value.replace("$(POD_IP)", "10.1.2.3");
    Object.assign(env, { DATABASE_URL: parse(read("k8s/secret.example.yaml")).stringData["database-url"], MERIDIAN_AUTH_SECRET: SECRET, NODE_ENV: "production" });
    const config = parseConfig(env, c.args);
    expect(() => checkServerConfig(config)).not.toThrow();
    expect(config).toMatchObject({ MERIDIAN_DEMO: false, trustDevLicenseKey: false, MERIDIAN_HOST: "0.0.0.0", MERIDIAN_TRUST_PROXY_HEADERS: true, relayUrl: "http://10.1.2.3:3000" });
    expect(config.accessUrl).toMatch(/^https:/);
  });
});

describe("compose file (deploy/compose.yaml)", () => {
  type Service = { image?: string; build?: unknown; entrypoint?: string[]; command?: string[]; environment?: Record<string, string>; stop_grace_period?: string };
  const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Service> };
  const services = Object.entries(compose.services);
  const role = (s: Service) => (s.image === "meridian:local" || s.build ? (s.entrypoint?.includes("proxy") ? "proxy" : "server") : "other");
  /** Compose's `${VAR:?message}` and `${VAR:-default}`, with a stand-in for every secret. */
  const interpolate = (value: string) => value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => (name.includes("PASSWORD") || name.includes("SECRET") ? SECRET : op === "-" ? (rest ?? "") : "x"));

  it("has PostgreSQL, two replicas and two proxy agents", () => {
    expect(services.map(([, s]) => role(s)).sort()).toEqual(["other", "proxy", "proxy", "server", "server"]);
    expect(services.find(([name]) => name === "postgres")?.[1].image).toMatch(/^postgres:/);
  });

  it("passes only flags and variables that `meridian server --help` and `meridian proxy --help` document", () => {
    for (const [name, s] of services.filter(([, s]) => role(s) !== "other")) {
      const help = role(s) === "proxy" ? proxy : server;
      expect(undocumented(s.command ?? [], Object.keys(s.environment ?? {}), help), name).toEqual([]);
    }
  });

  it("gives replicas values the server accepts, demo off, and time to shut down", () => {
    for (const [name, s] of services.filter(([, s]) => role(s) === "server")) {
      const env = Object.fromEntries(Object.entries(s.environment!).map(([k, v]) => [k, interpolate(String(v))]));
      const config = parseConfig({ ...env, NODE_ENV: "production" }, s.command);
      expect(() => checkServerConfig(config), name).not.toThrow();
      expect(config, name).toMatchObject({ MERIDIAN_DEMO: false, trustDevLicenseKey: false });
      expect(Number.parseInt(s.stop_grace_period!), name).toBeGreaterThanOrEqual(20);
    }
  });
});

describe("Dockerfile (deploy/Dockerfile)", () => {
  const lines = read("Dockerfile").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
  const stages = lines.map((l, i) => [l, i] as const).filter(([l]) => /^FROM\s/i.test(l));
  const runtime = lines.slice(stages.at(-1)![1]).join("\n");

  it("builds in stages on Node 20 and runs the production bundle as a non-root user", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(lines.join("\n")).toMatch(/node:20-bookworm-slim/);
    expect(lines.join("\n")).toMatch(/npm ci --omit=dev/);
    expect(lines.join("\n")).toMatch(/next build/);
    expect(runtime).toMatch(/^USER (?!root\b|0\b)\S+/m);
    expect(runtime).toMatch(/^HEALTHCHECK (?:.*\\\n)*.*\/healthz/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "cli\/index\.mjs", "server"\]/m);
  });

  it("sets only variables that `meridian server --help` documents", () => {
    const names = [...runtime.matchAll(/^ENV\s+((?:.*\\\n)*.*)/gm)].flatMap((m) => [...m[1].matchAll(/([A-Z_][A-Z0-9_]*)=/g)].map((n) => n[1]));
    expect(names.length).toBeGreaterThan(0);
    expect(undocumented([], names, server)).toEqual([]);
  });
});
