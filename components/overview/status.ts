import type { ProxyStatus } from "@/lib/api/proxies";
import type { ReplicaStatus } from "@/lib/api/replicas";
import type { Tone } from "@/components/ui/badge";

export const REPLICA_TONE: Record<ReplicaStatus, Tone> = { live: "good", stale: "warn", stopped: "neutral" };

// `unregistered` is grey, not red: nothing is broken, the proxy simply has no agent yet.
export const PROXY_TONE: Record<ProxyStatus, Tone> = { ok: "good", unhealthy: "warn", unreachable: "bad", unregistered: "neutral" };
