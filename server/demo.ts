// The demo topology a newcomer sees on an empty database: a handful of clearly labelled proxies
// in named regions. Three of them are served by real proxy agents that the launcher starts in its
// own process, each holding its answers back to stand for a distant region; they register with
// fresh tokens through the real protocol. The other two have no agent and say why.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { startProxyAgent, type ProxyAgent } from "./proxy-agent";
import { newProxySecret } from "./topology/proxy-tokens";
import { LOCATIONS, type LocationCode } from "@/lib/locations";
import { prisma } from "./db";

const DEMO_PROXIES: { name: string; displayName: string; icon: string; location: LocationCode; simulatedLatencyMs?: number }[] = [
  { name: "demo-frankfurt", displayName: "Frankfurt (demo)", icon: "🇩🇪", location: "eu-central", simulatedLatencyMs: 20 },
  { name: "demo-sao-paulo", displayName: "São Paulo (demo)", icon: "🇧🇷", location: "sa-east", simulatedLatencyMs: 80 },
  { name: "demo-sydney", displayName: "Sydney (demo)", icon: "🇦🇺", location: "ap-southeast", simulatedLatencyMs: 160 },
  { name: "demo-tokyo", displayName: "Tokyo (demo)", icon: "🇯🇵", location: "ap-northeast" },
  { name: "demo-oregon", displayName: "Oregon (demo)", icon: "🇺🇸", location: "us-west" },
];

const DEMO_LOCK = 72707370;

/** Seeds the demo proxies when the database has never had a proxy. Returns how many it created. */
export async function seedDemoTopology(): Promise<number> {
  return prisma().$transaction(async (tx) => {
    // Replicas starting together must not both seed.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEMO_LOCK})`;
    if ((await tx.workspaceProxy.count()) > 0) return 0;
    const { count } = await tx.workspaceProxy.createMany({
      data: DEMO_PROXIES.map((p) => ({
        name: p.name,
        displayName: p.displayName,
        icon: p.icon,
        locationCode: p.location,
        latitude: LOCATIONS[p.location].latitude,
        longitude: LOCATIONS[p.location].longitude,
        demo: true,
        // Nobody holds this token: demo rows can never register.
        tokenHashedSecret: createHash("sha256").update(randomBytes(32)).digest(),
        statusReason: p.simulatedLatencyMs
          ? "Demo proxy: its local agent registers once the console is up."
          : "Demo proxy: no agent has registered for it. Start `meridian proxy` with a real token to replace it.",
      })),
    });
    return count;
  });
}

/**
 * Starts the demo's local agents for the agent-backed demo proxies that are still there (an admin
 * may have deleted them). Each start gives them fresh tokens: only hashes are stored, so the
 * previous run's tokens cannot be recovered, and nobody else needs them.
 */
export async function startDemoAgents(primaryUrl: string, log: (line: string) => void): Promise<ProxyAgent[]> {
  const agents: ProxyAgent[] = [];
  for (const demo of DEMO_PROXIES.filter((p) => p.simulatedLatencyMs !== undefined)) {
    const row = await prisma().workspaceProxy.findFirst({ where: { name: demo.name, demo: true, deletedAt: null }, select: { id: true } });
    if (!row) continue;
    const secret = newProxySecret();
    await prisma().workspaceProxy.update({ where: { id: row.id }, data: { tokenHashedSecret: secret.hashed } });
    try {
      agents.push(await startProxyAgent({ primaryUrl, token: secret.token(row.id), port: 0, simulatedLatencyMs: demo.simulatedLatencyMs, log: (line) => log(`${demo.name}: ${line}`) }));
    } catch (err) {
      log(`${demo.name}: the demo agent did not start: ${(err as Error).message}`);
    }
  }
  return agents;
}
