// The demo topology a newcomer sees on an empty database: a handful of clearly labelled proxies
// in named regions. They have no agent behind them, so they stay `unregistered` and say why.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { LOCATIONS, type LocationCode } from "@/lib/locations";
import { prisma } from "./db";

const DEMO_PROXIES: { name: string; displayName: string; icon: string; location: LocationCode }[] = [
  { name: "demo-frankfurt", displayName: "Frankfurt (demo)", icon: "🇩🇪", location: "eu-central" },
  { name: "demo-sao-paulo", displayName: "São Paulo (demo)", icon: "🇧🇷", location: "sa-east" },
  { name: "demo-sydney", displayName: "Sydney (demo)", icon: "🇦🇺", location: "ap-southeast" },
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
        statusReason: "Demo proxy: no agent has registered for it. Start `meridian proxy` with a real token to replace it.",
      })),
    });
    return count;
  });
}
