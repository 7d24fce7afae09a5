// Path parameter schemas, one per kind of id, shared by every [id] route. An id that cannot be
// one of ours is a 400 naming the parameter before any query runs (a non-UUID never reaches a
// uuid column); a well-formed id that names nothing is the service's 404.
import { z } from "zod";
import { MAX_ORIGIN_LENGTH } from "./embed";
import { text } from "./strings";

/** Any 8-4-4-4-12 hex UUID: what a PostgreSQL uuid column accepts in canonical form. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuid = (what: string) => text().regex(UUID_PATTERN, `must be ${what} id (a UUID)`);

/** Ids we generate as random text (users: UUIDs, API tokens: 10 letters and digits), in a bounded safe alphabet. */
const opaqueId = (what: string) => text().regex(/^[A-Za-z0-9_-]{1,64}$/, `must be ${what} id (1-64 letters, digits, dashes or underscores)`);

const LICENSE_ID = "must be a license id (a positive whole number)";

export const proxyParamsSchema = z.object({ id: uuid("a proxy") });
export const replicaParamsSchema = z.object({ id: uuid("a replica") });
export const userParamsSchema = z.object({ id: opaqueId("a user") });
export const tokenParamsSchema = z.object({ id: opaqueId("a token") });
export const licenseParamsSchema = z.object({
  id: text()
    .regex(/^[1-9][0-9]{0,9}$/, LICENSE_ID)
    .transform(Number)
    .refine((id) => id <= 2 ** 31 - 1, LICENSE_ID),
});
/**
 * A uuid for console entries, `env:<origin>` for the variable's (which answer 409 with how to
 * remove them). Any other storable string reaches the service and is its 404, as before.
 */
export const embedOriginParamsSchema = z.object({ id: text().max(MAX_ORIGIN_LENGTH + 4, "is too long to be an embed origin id") });
