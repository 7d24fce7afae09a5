// Locked features are shown, not hidden: what they are, that they are Premium, what they unlock.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FEATURES } from "@/lib/api/licenses";
import { EntitlementBadge } from "./entitlement-badge";
import { LockedFeature } from "./locked-feature";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("LockedFeature", () => {
  it("says the feature is Premium, what it unlocks, and links to the licenses page", () => {
    const html = renderToStaticMarkup(<LockedFeature feature="audit_log" />);
    expect(text(html)).toContain("Audit Log is a Premium feature");
    expect(text(html)).toContain(FEATURES.audit_log.unlocks);
    expect(html).toContain('href="/licenses"');
  });
});

describe("EntitlementBadge", () => {
  it("names each state in words", () => {
    expect(text(renderToStaticMarkup(<EntitlementBadge entitlement="entitled" />)).trim()).toBe("Entitled");
    expect(text(renderToStaticMarkup(<EntitlementBadge entitlement="grace_period" />)).trim()).toBe("Grace period");
    expect(text(renderToStaticMarkup(<EntitlementBadge entitlement="not_entitled" />)).trim()).toBe("Locked · Premium");
  });
});
