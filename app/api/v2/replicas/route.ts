import { route } from "@/server/http/route";
import { config } from "@/server/env";
import { listReplicas } from "@/server/topology/replicas";

export const dynamic = "force-dynamic";

export const GET = route("GET /api/v2/replicas", {}, () => listReplicas(config().MERIDIAN_REPLICA_ID));
