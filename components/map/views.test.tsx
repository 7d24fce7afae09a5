// Renders the map's views to HTML as the server does and checks what a reader would see.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Region } from "@/lib/api/proxies";
import type { RegionLatency } from "@/lib/latency/measure";
import { layoutMap } from "@/lib/geo/layout";
import { buildMapModel } from "@/lib/geo/map-model";
import { NOW, ago, proxy, replica, text } from "@/components/overview/test-fixtures";
import { HealthMap } from "./health-map";
import { MapLegend } from "./map-legend";
import { MapTable } from "./map-table";
import { MarkerCard } from "./marker-card";


const ms = (median: number): RegionLatency => ({ status: "measured", median_ms: median, min_ms: median, max_ms: median, jitter_ms: 0, samples: 5, accurate: true, protocol: "http/1.1", measured_at: 0 });
const PRIMARY: Region = { id: "00000000-0000-4000-8000-000000000000", name: "primary", display_name: "Primary", icon_url: "/icons/primary.svg", healthy: true, path_app_url: "http://localhost:3000", wildcard_hostname: "" };

const frankfurt = proxy({
  id: "id-fra",
  healthy: true,
  path_app_url: "http://fra.test",
  version: "0.1.0",
  status: { status: "ok", reason: "", report: { errors: [], warnings: [] }, checked_at: ago(4_000) },
});
const saoPaulo = proxy({ id: "id-gru", name: "demo-sao-paulo", display_name: "São Paulo (demo)", icon_url: "🇧🇷", healthy: true, path_app_url: "http://gru.test", status: { status: "ok", reason: "", report: { errors: [], warnings: [] }, checked_at: ago(4_000) }, location: { code: "sa-east", latitude: -23.5, longitude: -46.6 } });
const tokyo = proxy({ id: "id-nrt", name: "demo-tokyo", display_name: "Tokyo (demo)", icon_url: "🇯🇵", location: { code: "ap-northeast", latitude: 35.7, longitude: 139.7 } });
const nowhere = proxy({ id: "id-nowhere", name: "lab", display_name: "Lab", icon_url: "", demo: false, location: null });
const proxies = [frankfurt, saoPaulo, tokyo, nowhere];
const regions: Region[] = [PRIMARY, ...proxies.map((p) => ({ id: p.id, name: p.name, display_name: p.display_name, icon_url: p.icon_url, healthy: p.healthy, path_app_url: p.path_app_url, wildcard_hostname: "" }))];

const model = buildMapModel({ proxies, replicas: [replica({ is_self: true })], regions, latencies: { [PRIMARY.id]: ms(0.5), [frankfurt.id]: ms(21), [saoPaulo.id]: ms(81) } });
const layout = layoutMap(model);

describe("HealthMap", () => {
  const html = renderToStaticMarkup(<HealthMap layout={layout} now={NOW} />);

  it("draws a link per placed marker with its name, status and accessible name", () => {
    const markers = [...html.matchAll(/<a [^>]*data-proxy="([^"]+)"[^>]*>/g)];
    // West to east: São Paulo, Frankfurt, Tokyo. The primary (region "primary") and the lab have no place.
    expect(markers.map((m) => m[1])).toEqual(["demo-sao-paulo", "demo-frankfurt", "demo-tokyo"]);
    const frankfurtTag = markers[1][0];
    expect(frankfurtTag).toContain('data-status="ok"');
    expect(frankfurtTag).toContain('aria-label="Frankfurt (demo), ok, 21 ms from this browser"');
    expect(frankfurtTag).toContain(`href="/proxies/${frankfurt.id}"`);
    expect(markers[2][0]).toContain('aria-label="Tokyo (demo), unregistered, no URL to measure from this browser"');
  });

  it("labels the measured lines with their latency and shows no card until asked", () => {
    // Lines start at Frankfurt (fastest placed region); São Paulo is measured, Tokyo is not.
    // Names carry the latency beside the marker (from sm up); a pill on the line says it on a phone.
    expect(text(html)).toContain("São Paulo (demo) · 81 ms");
    expect(html).toMatch(/sm:hidden"[^>]*>81 ms</);
    expect(html.match(/<path d="M[^"]*"[^>]*stroke-dasharray/g)).toHaveLength(1);
    expect(html).not.toContain('role="tooltip"');
    // The SVG is scenery; the links carry the content.
    expect(html).toMatch(/<svg aria-hidden="true" focusable="false" viewBox="0 0 960 \d+"/);
  });
});

describe("MarkerCard", () => {
  it("shows a proxy's status and reason, location, latency, version and last check", () => {
    const html = renderToStaticMarkup(<MarkerCard marker={model.markers.find((m) => m.name === "demo-tokyo")!} now={NOW} />);
    expect(text(html)).toMatch(/^ ?Tokyo \(demo\) demo demo-tokyo unregistered Demo proxy: no agent has registered for it\. Start meridian proxy with a real token/);
    expect(facts(html)).toEqual({ Location: "Asia Pacific (Tokyo)", "From this browser": "No URL yet", Version: "not reported", "Last check": "never" });
  });

  it("shows the primary's replicas grouped, with the latest heartbeat", () => {
    const replicas = [replica({ region: "eu-west" }), replica({ id: "r2", status: "stale", updated_at: ago(40_000) }), replica({ id: "r3" })];
    const [primary] = buildMapModel({ proxies: [], replicas, regions, latencies: {} }).markers;
    const html = renderToStaticMarkup(<MarkerCard marker={primary} now={NOW} />);
    expect(text(html)).toContain("stale 3 replicas: 2 live · 1 stale");
    expect(facts(html)).toEqual({ Location: "Europe West (Dublin)", "From this browser": "Measuring…", Version: "0.1.0", "Last heartbeat": "2 s ago" });
  });
});

/** The card's term → description pairs, as text. */
function facts(html: string): Record<string, string> {
  return Object.fromEntries([...html.matchAll(/<dt[^>]*>(.*?)<\/dt><dd[^>]*>(.*?)<\/dd>/g)].map(([, dt, dd]) => [text(dt).trim(), text(dd).trim()]));
}

describe("the text alternative", () => {
  it("renders no rows until it is opened", () => {
    const html = renderToStaticMarkup(<MapTable markers={model.markers} now={NOW} />);
    expect(html).toContain("The map as a table");
    expect(html).not.toContain('role="row"');
  });

  it("lists every marker, placed or not, with the same facts", () => {
    const html = renderToStaticMarkup(<MapTable markers={model.markers} now={NOW} defaultOpen />);
    const t = text(html);
    expect(html).toContain('aria-labelledby="health-map-table"');
    expect(html.match(/role="row" aria-label="[^"]+"/g)).toEqual(["primary", "demo-frankfurt", "demo-sao-paulo", "demo-tokyo", "lab"].map((n) => `role="row" aria-label="${n}"`));
    // On narrow screens each cell repeats its column name (hidden from assistive tech).
    expect(t).toContain("Primary primary Status live 1 replica: 1 live Location no location From this browser 0.5 ms (fast) Version 0.1.0 Last check 2 s ago");
    expect(t).toMatch(/Lab lab Status unregistered .* Location no location From this browser No URL yet/);
  });

  it("says why the primary and a proxy are not on the map", () => {
    const t = text(renderToStaticMarkup(<MapLegend unplaced={layout.unplaced} />));
    expect(t).toContain("Not on the map");
    expect(t).toContain("Primary : its replicas' region primary is not a region code. Start Meridian with --region us-east");
    expect(t).toContain("Lab : no location; set one on the Proxies page.");
    expect(t).toContain("ok · live");
    expect(t).toContain("unregistered · stopped");
  });
});
