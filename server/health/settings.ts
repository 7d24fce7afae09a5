// Which health sections admins dismissed: one row of `site_configs`, shared by every replica.
// A change is audited and published as a `settings` event, which drops every replica's cached
// report (report.ts) and tells open consoles to refetch it.
import "server-only";
import { z } from "zod";
import { HEALTH_SECTIONS, type HealthSectionName, type HealthSettings, type UpdateHealthSettingsRequest } from "@/lib/api/health";
import { audit, type RequestMeta } from "../audit";
import type { UserIdentity } from "../auth/identity";
import { prisma } from "../db";
import { publishAfterWrite } from "../events/publish";

const KEY = "health.dismissed_sections";

export async function readHealthSettings(): Promise<HealthSettings> {
  const row = await prisma().siteConfig.findUnique({ where: { key: KEY } });
  return { dismissed_sections: sectionNames(row?.value) };
}

/** The stored list, keeping only names of sections this version has (a bad value dismisses nothing). */
function sectionNames(value: string | undefined): HealthSectionName[] {
  let parsed: unknown = [];
  try {
    parsed = value === undefined ? [] : JSON.parse(value);
  } catch {
    // falls through to the empty list
  }
  const names = z.array(z.unknown()).catch([]).parse(parsed);
  return HEALTH_SECTIONS.filter((s) => names.includes(s));
}

export async function updateHealthSettings(actor: UserIdentity, input: UpdateHealthSettingsRequest, meta: RequestMeta): Promise<HealthSettings> {
  // Stored in the report's order, once each, so the audit diff compares like with like.
  const after = HEALTH_SECTIONS.filter((s) => input.dismissed_sections.includes(s));
  await prisma().$transaction(async (tx) => {
    // Locks the row (or, for the first write, the key) so concurrent writers diff against what they replace.
    await tx.siteConfig.createMany({ data: [{ key: KEY, value: "[]" }], skipDuplicates: true });
    const [row] = await tx.$queryRaw<{ value: string }[]>`SELECT value FROM site_configs WHERE key = ${KEY} FOR UPDATE`;
    const previous = sectionNames(row.value);
    await tx.siteConfig.update({ where: { key: KEY }, data: { value: JSON.stringify(after) } });
    await audit(
      { actorId: actor.user.id, action: "health_settings_updated", resourceType: "health_settings", resourceName: "dismissed sections", diff: { dismissed_sections: { from: previous, to: after } } },
      meta,
      tx,
    );
  });
  // Also drops this process's cached report at once (report.ts caches it until a `settings` event).
  await publishAfterWrite({ type: "settings", id: "health" });
  return { dismissed_sections: after };
}
