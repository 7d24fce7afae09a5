// Renders the health views to HTML as the server does: each section shows its severity in words,
// its findings' codes with a link to the docs anchor, and Dismiss or Restore; the banner appears
// for an error in a section nobody dismissed, and only then.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { HealthReport } from "@/lib/api/health";
import { parseMarkdown } from "@/lib/markdown";
import { healthKeys } from "@/lib/query/health";
import { HealthBanner } from "./health-banner";
import { HealthDocs } from "./health-docs";
import { OverallStatus } from "./overall-status";
import { SectionCard } from "./section-card";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const base = { severity: "ok" as const, dismissed: false, findings: [] };
const ewp01 = { code: "EWP01", severity: "error", message: "None of the 1 workspace proxy is healthy: fra (unreachable).", docs: "/health/docs#ewp01" } as const;
const eacs01 = { code: "EACS01", severity: "warning", message: "MERIDIAN_ACCESS_URL is not set.", docs: "/health/docs#eacs01" } as const;

function report(proxiesDismissed: boolean): HealthReport {
  return {
    time: "2026-03-14T09:26:53.000Z",
    severity: proxiesDismissed ? "warning" : "error",
    sections: {
      database: { ...base, reachable: true, latency_ms: 0.4, threshold_ms: 15 },
      replicas: { ...base, live: 1, stale: 0, stopped: 0, peer_errors: 0, slow_peers: 0, max_peer_latency_ms: null, threshold_ms: 10 },
      workspace_proxies: { severity: "error", dismissed: proxiesDismissed, findings: [ewp01], total: 1, healthy: 0, unhealthy: 1, server_version: "0.1.0", mismatched: [] },
      license: { ...base, has_license: true, trial: false, grace_at: "2027-03-14T00:00:00.000Z", expires_at: "2027-04-13T00:00:00.000Z" },
      access_url: { severity: "warning", dismissed: false, findings: [eacs01], url: "http://localhost:3000", configured: false, reachable: null, status_code: null, latency_ms: null, error: null },
    },
  };
}

function withReport(children: ReactNode, data: HealthReport) {
  const client = new QueryClient();
  client.setQueryData(healthKeys.report, data);
  return renderToStaticMarkup(<QueryClientProvider client={client}>{children}</QueryClientProvider>);
}

describe("SectionCard", () => {
  it("names the severity in words, shows each finding's code and links it to its docs anchor", () => {
    const html = renderToStaticMarkup(<SectionCard name="workspace_proxies" section={report(false).sections.workspace_proxies} onDismiss={() => {}} />);
    expect(text(html)).toContain("Workspace proxies Error");
    expect(html).toContain('<code class="rounded bg-zinc-100');
    expect(text(html)).toContain("EWP01 No workspace proxy is healthy");
    expect(html).toContain('href="/health/docs#ewp01"');
    expect(html).toContain('aria-label="What to do about EWP01"');
    expect(text(html)).toContain("Healthy 0 of 1");
    expect(html).toContain('aria-label="Dismiss the Workspace proxies section"');
  });

  it("a dismissed section says so and offers Restore", () => {
    const t = text(renderToStaticMarkup(<SectionCard name="workspace_proxies" section={report(true).sections.workspace_proxies} onRestore={() => {}} />));
    expect(t).toContain("Dismissed");
    expect(t).toContain("Restore");
    expect(t).toContain("EWP01");
  });

  it("a section without findings says so", () => {
    expect(text(renderToStaticMarkup(<SectionCard name="database" section={report(false).sections.database} />))).toContain("No problems found");
  });
});

describe("OverallStatus", () => {
  it("counts only what is not dismissed", () => {
    const t = text(renderToStaticMarkup(<OverallStatus report={report(true)} now={Date.parse("2026-03-14T09:27:03.000Z")} checking={false} onCheck={() => {}} problem={null} />));
    expect(t).toContain("Healthy, with warnings");
    expect(t).toContain("0 errors · 1 warning · 1 dismissed section · checked 10 s ago");
    expect(t).toContain("Check again");
  });
});

describe("HealthBanner", () => {
  it("lists the error codes of sections nobody dismissed and links to the report", () => {
    const html = withReport(<HealthBanner />, report(false));
    expect(text(html)).toContain("Deployment health: a problem needs attention");
    expect(text(html)).toContain("EWP01");
    expect(text(html)).not.toContain("EACS01");
    expect(html).toContain('href="/health"');
  });

  it("is absent when the only error is dismissed", () => {
    expect(withReport(<HealthBanner />, report(true))).toBe("");
  });
});

describe("HealthDocs", () => {
  it("anchors each code's heading at the code and renders no raw HTML", () => {
    const html = renderToStaticMarkup(<HealthDocs blocks={parseMarkdown("### EDB01: Database unreachable\n\nCheck `DATABASE_URL` <b>now</b>.")} />);
    expect(html).toContain('<h3 id="edb01"');
    expect(html).toContain("<code");
    expect(html).toContain("&lt;b&gt;now&lt;/b&gt;");
  });
});
