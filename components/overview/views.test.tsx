// Renders the views to HTML as the server does and checks what a reader would see.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ProxyStatus } from "@/lib/api/proxies";
import { ApiRequestError } from "@/lib/query/fetch";
import { NOW, ago, proxy, replica, text } from "./test-fixtures";
import { ProxiesSection } from "./proxies-section";
import { locationLabel, sortForReading } from "./proxies-table";
import { ReplicasSection } from "./replicas-section";
import { peerNamer } from "./replicas-table";

const loaded = <T,>(data: T) => ({ data, error: null, isFetching: false, refetch: () => {} });

describe("ReplicasSection", () => {
  it("shows status in words, the self marker, uptime, latencies and errors", () => {
    const peer = { replica_id: "33333333-3333-4333-8333-333333333333", measured_at: ago(1_000) };
    const html = renderToStaticMarkup(
      <ReplicasSection
        now={NOW}
        query={loaded([
          replica({ is_self: true, peers: [{ ...peer, hostname: "cp-2", latency_ms: 0.42, error: null }] }),
          replica({ id: "44444444-4444-4444-8444-444444444444", hostname: "cp-2", status: "stale", updated_at: ago(40_000), error: "Failed to dial peers: cp-3: ECONNREFUSED", peers: [{ ...peer, hostname: "cp-3", latency_ms: null, error: "ECONNREFUSED" }] }),
          replica({ id: "55555555-5555-4555-8555-555555555555", hostname: "cp-3", status: "stopped", stopped_at: ago(180_000) }),
        ])}
      />,
    );
    const t = text(html);
    expect(html).toContain('aria-labelledby="replicas-heading"');
    expect(t).toContain("cp-1 this replica");
    expect(t).not.toContain("proxy replica");
    expect(t).toMatch(/ live .* stale .* stopped /);
    expect(t).toContain("last seen 40 s ago");
    expect(t).toContain("3h 12m");
    expect(t).toContain("stopped 3 min ago");
    expect(t).toContain("0.4 ms");
    expect(t).toContain("cp-2 0.4 ms");
    expect(t).toContain("cp-3 failed: ECONNREFUSED");
    expect(t).toContain("Failed to dial peers: cp-3: ECONNREFUSED");
  });

  it("offers a retry with the API's message when the first load fails", () => {
    const error = new ApiRequestError(403, "You do not have permission to do this.");
    const t = text(renderToStaticMarkup(<ReplicasSection now={NOW} query={{ data: undefined, error, isFetching: false, refetch: () => {} }} />));
    expect(t).toContain("Couldn't load replicas You do not have permission to do this. Retry");
  });

  it("shows a skeleton while loading", () => {
    const html = renderToStaticMarkup(<ReplicasSection now={NOW} query={{ data: undefined, error: null, isFetching: true, refetch: () => {} }} />);
    expect(html).toContain('aria-label="Loading replicas"');
  });
});

describe("ProxiesSection", () => {
  it("labels demo rows, shows the reason in words and the region by name", () => {
    const html = renderToStaticMarkup(<ProxiesSection now={NOW} query={loaded({ regions: [proxy()] })} />);
    const t = text(html);
    // The fixture's 🇩🇪 is drawn as the served SVG flag, not as emoji text.
    expect(html).toContain('<img src="/icons/flags/de.svg" alt=""');
    expect(t).not.toContain("🇩🇪");
    expect(t).toContain("Frankfurt (demo) demo demo-frankfurt");
    expect(t).toContain(" unregistered ");
    expect(t).toContain("Demo proxy: no agent has registered for it. Start meridian proxy with a real token");
    expect(t).toContain("Europe Central (Frankfurt)");
    expect(t).toContain("no URL yet");
    expect(t).toContain("never");
  });

  it("links the URL, shows the last check and the report, and an image icon with empty alt", () => {
    const p = proxy({
      demo: false,
      icon_url: "/icons/eu.svg",
      path_app_url: "https://eu.example.com",
      status: { status: "unhealthy", reason: "The proxy reported errors.", report: { errors: ["DERP unreachable"], warnings: ["old version"] }, checked_at: ago(12_000) },
    });
    const html = renderToStaticMarkup(<ProxiesSection now={NOW} query={loaded({ regions: [p] })} />);
    const t = text(html);
    expect(html).toContain('<img src="/icons/eu.svg" alt=""');
    expect(html).toContain('href="https://eu.example.com"');
    expect(t).not.toContain(" demo ");
    expect(t).toContain("12 s ago");
    expect(t).toContain("DERP unreachable");
    expect(t).toContain("old version");
  });

  it("past 50 proxies lists the 50 that most need attention, and offers the rest", () => {
    const status = (i: number): ProxyStatus => (i % 20 === 0 ? "unreachable" : i % 7 === 0 ? "unhealthy" : "ok");
    const many = Array.from({ length: 120 }, (_, i) => proxy({ id: `id-${i}`, name: `p-${String(i).padStart(3, "0")}`, demo: false, status: { status: status(i), reason: "", report: { errors: [], warnings: [] }, checked_at: null } }));
    const html = renderToStaticMarkup(<ProxiesSection now={NOW} query={loaded({ regions: many })} />);
    const rows = [...html.matchAll(/role="row" aria-label="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toHaveLength(50);
    // Every unreachable one (6) and every unhealthy one (15) is among them, before any that is ok.
    expect(rows.slice(0, 6)).toEqual(["p-000", "p-020", "p-040", "p-060", "p-080", "p-100"]);
    expect(rows.slice(6, 21).every((name) => status(Number(name.slice(2))) === "unhealthy")).toBe(true);
    expect(text(html)).toContain("Showing the 50 that most need attention of 120 proxies.");
    expect(text(html)).toContain("Show all 120");
  });

  it("explains what to do when there are no proxies", () => {
    const t = text(renderToStaticMarkup(<ProxiesSection now={NOW} query={loaded({ regions: [] })} />));
    expect(t).toContain("No workspace proxies yet");
    expect(t).toContain("meridian proxy --primary-url");
  });
});

describe("proxy helpers", () => {
  it("names a location by its code's label, else by code, else by coordinates", () => {
    expect(locationLabel({ code: "ap-northeast", latitude: 0, longitude: 0 })).toBe("Asia Pacific (Tokyo)");
    expect(locationLabel({ code: "moon-base", latitude: 0, longitude: 0 })).toBe("moon-base");
    expect(locationLabel({ code: null, latitude: 12.34, longitude: -5.67 })).toBe("12.3, -5.7");
    expect(locationLabel({ code: "toString", latitude: 0, longitude: 0 })).toBe("toString");
    expect(locationLabel(null)).toBeNull();
  });
});

describe("peerNamer", () => {
  const peer = { replica_id: "66666666-6666-4666-8666-666666666666", hostname: "vm", latency_ms: 1, error: null, measured_at: ago(0) };

  it("uses the hostname alone when it is unique", () => {
    const name = peerNamer([replica(), replica({ id: peer.replica_id, hostname: "vm" })]);
    expect(name(peer)).toBe("vm");
  });
  it("adds the short replica id when replicas share a hostname", () => {
    const name = peerNamer([replica({ hostname: "vm" }), replica({ id: peer.replica_id, hostname: "vm" })]);
    expect(name(peer)).toBe("vm (66666666)");
  });
});

describe("sortForReading", () => {
  it("puts real proxies before demo rows, keeping each group's order", () => {
    const rows = [proxy({ name: "demo-a" }), proxy({ name: "b", demo: false }), proxy({ name: "demo-c" }), proxy({ name: "d", demo: false })];
    expect(sortForReading(rows).map((p) => p.name)).toEqual(["b", "d", "demo-a", "demo-c"]);
  });
});
