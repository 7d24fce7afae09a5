import { replicasResponseSchema } from "@/lib/api/replicas";
import { route } from "@/server/http/route";
import { config } from "@/server/env";
import { listReplicas } from "@/server/topology/replicas";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/replicas", { summary: "Every control-plane replica with its status and peer mesh", response: replicasResponseSchema }, () => listReplicas(config().MERIDIAN_REPLICA_ID));
