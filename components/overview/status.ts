import type { ProxyStatus } from "@/lib/api/proxies";
import type { ReplicaStatus } from "@/lib/api/replicas";
import type { Tone } from "@/components/ui/badge";

export const REPLICA_TONE: Record<ReplicaStatus, Tone> = { live: "good", stale: "warn", stopped: "neutral" };

// `unregistered` is grey, not red: nothing is broken, the proxy simply has no agent yet.
export const PROXY_TONE: Record<ProxyStatus, Tone> = { ok: "good", unhealthy: "warn", unreachable: "bad", unregistered: "neutral" };

/** The tone of either kind of status: the health map draws proxies and the replicas' group side by side. */
export function statusTone(status: ProxyStatus | ReplicaStatus): Tone {
  return Object.hasOwn(PROXY_TONE, status) ? PROXY_TONE[status as ProxyStatus] : REPLICA_TONE[status as ReplicaStatus];
}
