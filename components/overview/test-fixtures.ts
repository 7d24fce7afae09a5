// Rows shaped exactly like the API's, for the view tests. Each call makes a fresh copy.
import type { WorkspaceProxy } from "@/lib/api/proxies";
import type { Replica } from "@/lib/api/replicas";

export const NOW = Date.parse("2026-03-01T12:00:00Z");
export const ago = (ms: number) => new Date(NOW - ms).toISOString();

export function replica(over: Partial<Replica> = {}): Replica {
  return {
    id: "11111111-1111-4111-8111-111111111111",
    hostname: "cp-1",
    region: "primary",
    relay_address: "http://10.0.0.1:3000",
    version: "0.1.0",
    database_latency_us: 412,
    error: "",
    primary: true,
    status: "live",
    is_self: false,
    started_at: ago(3 * 3_600_000 + 12 * 60_000),
    updated_at: ago(2_000),
    stopped_at: null,
    peers: [],
    ...over,
  };
}

export function proxy(over: Partial<WorkspaceProxy> = {}): WorkspaceProxy {
  return {
    id: "22222222-2222-4222-8222-222222222222",
    name: "demo-frankfurt",
    display_name: "Frankfurt (demo)",
    icon_url: "🇩🇪",
    healthy: false,
    path_app_url: "",
    wildcard_hostname: "",
    derp_enabled: true,
    derp_only: false,
    status: { status: "unregistered", reason: "Demo proxy: no agent has registered for it. Start `meridian proxy` with a real token to replace it.", report: { errors: [], warnings: [] }, checked_at: null },
    version: "",
    location: { code: "eu-central", latitude: 50.1, longitude: 8.7 },
    demo: true,
    created_at: ago(86_400_000),
    updated_at: ago(86_400_000),
    deleted: false,
    ...over,
  };
}

/** What a reader sees of rendered HTML: the text, tags as spaces, entities the views emit decoded. */
export const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
