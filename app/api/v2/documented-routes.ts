// Every /api/v2 route module, so the OpenAPI document can be built from the handlers themselves
// (server/ may not import app/). test/openapi.test.ts fails when a route in the authorization
// table is missing here.
import { buildOpenApiDocument, type DocumentedRoute } from "@/server/http/openapi";
import * as audit from "./audit/route";
import * as health from "./debug/health/route";
import * as healthSettings from "./debug/health/settings/route";
import * as embedOrigin from "./embed/origins/[id]/route";
import * as embedOrigins from "./embed/origins/route";
import * as entitlements from "./entitlements/route";
import * as events from "./events/route";
import * as license from "./licenses/[id]/route";
import * as licenses from "./licenses/route";
import * as openapi from "./openapi.json/route";
import * as regions from "./regions/route";
import * as replicaHistory from "./replicas/[id]/history/route";
import * as replicas from "./replicas/route";
import * as user from "./users/[id]/route";
import * as firstUser from "./users/first/route";
import * as login from "./users/login/route";
import * as logout from "./users/logout/route";
import * as myRegion from "./users/me/region/route";
import * as me from "./users/me/route";
import * as myToken from "./users/me/tokens/[id]/route";
import * as myTokens from "./users/me/tokens/route";
import * as users from "./users/route";
import * as proxyHistory from "./workspaceproxies/[id]/history/route";
import * as proxy from "./workspaceproxies/[id]/route";
import * as deregister from "./workspaceproxies/me/deregister/route";
import * as register from "./workspaceproxies/me/register/route";
import * as proxies from "./workspaceproxies/route";

const MODULES: Record<string, unknown>[] = [
  audit, health, healthSettings, embedOrigin, embedOrigins, entitlements, events, license, licenses, openapi, regions, replicaHistory, replicas,
  user, firstUser, login, logout, myRegion, me, myToken, myTokens, users, proxyHistory, proxy, deregister, register, proxies,
];

/** The handlers route() built (they carry `routeKey` and `spec`); other exports are Next's settings. */
export function documentedRoutes(): DocumentedRoute[] {
  return MODULES.flatMap((mod) => Object.values(mod).filter((value): value is DocumentedRoute => typeof value === "function" && "routeKey" in value && "spec" in value));
}

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** The document, built once per process: it depends on the code only. */
export function apiDocument() {
  return (document ??= buildOpenApiDocument(documentedRoutes()));
}
