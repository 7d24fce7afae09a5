// Renders the proxies page's views to HTML as the server does and checks what an admin would see
// and could operate: names, status in words, the report, the actions and how they lock.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Entitlements } from "@/lib/api/licenses";
import { ApiRequestError } from "@/lib/query/fetch";
import { NOW, ago, proxy } from "@/components/overview/test-fixtures";
import { agentCommand, shellQuote } from "./agent-command";
import { PremiumNote, workspaceProxyLocked } from "./premium";
import { draftFromLocation, formLevelError, IconPicker, locationInput, nameError, SUGGESTED_ICONS } from "./proxy-fields";
import { ProxyTable } from "./proxy-table";
import { TokenDetails } from "./token-dialog";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
const noop = () => {};
const actions = { onEdit: noop, onRegenerate: noop, onDelete: noop };
const live = proxy({
  id: "33333333-3333-4333-8333-333333333333",
  name: "eu-west",
  display_name: "Dublin",
  icon_url: "🇮🇪",
  demo: false,
  path_app_url: "http://127.0.0.1:4100",
  version: "0.1.0",
  location: { code: null, latitude: 53.3, longitude: -6.3 },
  status: { status: "unhealthy", reason: "", report: { errors: ["cannot reach the primary"], warnings: ["version mismatch", "slow disk"] }, checked_at: ago(4_000) },
});

function entitlements(enabled: boolean): Entitlements {
  const state = { entitlement: enabled ? "entitled" : "not_entitled", enabled, limit: null, actual: null } as const;
  return { features: { workspace_proxy: state, high_availability: state, audit_log: state }, warnings: [], has_license: enabled, trial: false, refreshed_at: ago(0) };
}

describe("ProxyTable", () => {
  it("lists each proxy with its names, status in words, report, URL, version and last check; demo rows last and labelled", () => {
    const html = renderToStaticMarkup(<ProxyTable proxies={[proxy(), live]} now={NOW} labelledBy="h" locked={false} actions={actions} />);
    const t = text(html);
    expect(html).toContain('aria-labelledby="h"');
    expect(t.indexOf("Dublin eu-west")).toBeGreaterThan(-1);
    expect(t.indexOf("Dublin")).toBeLessThan(t.indexOf("Frankfurt (demo) demo demo-frankfurt"));
    expect(t).toContain("53.3, -6.3");
    expect(t).toContain("Status unhealthy Reason The proxy answered with a problem, or its URL is not allowed.");
    expect(t).toContain("Proxy report: 1 error, 2 warnings");
    expect(html).toMatch(/<details open="">/);
    expect(t).toContain("cannot reach the primary");
    expect(t).toContain("slow disk");
    expect(html).toContain('href="http://127.0.0.1:4100"');
    expect(t).toContain("0.1.0");
    expect(t).toContain("4 s ago");
    expect(t).toContain("no URL yet");
    expect(t).toContain("not reported");
    expect(t).toContain("Demo proxy: no agent has registered for it.");
  });

  it("names every action after its proxy", () => {
    const html = renderToStaticMarkup(<ProxyTable proxies={[live]} now={NOW} labelledBy="h" locked={false} actions={actions} />);
    for (const name of ["Edit eu-west", "Regenerate token for eu-west", "Delete eu-west"]) expect(html).toContain(`aria-label="${name}"`);
    expect(html).not.toContain('disabled=""');
  });

  it("locks edit and token regeneration (pointing at the premium note) but never delete", () => {
    const html = renderToStaticMarkup(<ProxyTable proxies={[live]} now={NOW} labelledBy="h" locked actions={actions} />);
    const button = (label: string) => html.match(new RegExp(`<button[^>]*aria-label="${label}"[^>]*>`))![0];
    expect(button("Edit eu-west")).toContain('disabled=""');
    expect(button("Edit eu-west")).toContain('aria-describedby="workspace-proxy-premium-note"');
    expect(button("Regenerate token for eu-west")).toContain('disabled=""');
    expect(button("Delete eu-west")).not.toContain('disabled=""');
  });

  it("folds away a report with warnings only", () => {
    const html = renderToStaticMarkup(
      <ProxyTable proxies={[{ ...live, status: { ...live.status, status: "ok", reason: "", report: { errors: [], warnings: ["old version"] } } }]} now={NOW} labelledBy="h" locked={false} actions={actions} />,
    );
    expect(html).toContain("<details>");
    expect(text(html)).toContain("Proxy report: 1 warning");
    expect(text(html)).toContain("Healthy:");
  });
});

describe("premium lock", () => {
  it("locks only when the entitlements say the feature is off; unknown stays open", () => {
    expect(workspaceProxyLocked(undefined)).toBe(false);
    expect(workspaceProxyLocked(entitlements(true))).toBe(false);
    expect(workspaceProxyLocked(entitlements(false))).toBe(true);
  });

  it("says what the feature unlocks and where to get a license", () => {
    const html = renderToStaticMarkup(<PremiumNote />);
    expect(text(html)).toContain("Workspace Proxy is locked Premium");
    expect(text(html)).toContain("Register workspace proxies in other regions");
    expect(html).toContain('href="/licenses"');
  });
});

describe("create form errors", () => {
  it("puts a name validation or a duplicate on the name field, not in the form's block", () => {
    const invalid = new ApiRequestError(400, "Invalid request body.", undefined, [{ field: "name", detail: "must be a DNS label" }]);
    expect(nameError(invalid)).toBe("must be a DNS label");
    expect(formLevelError(invalid)).toBeNull();
    const duplicate = new ApiRequestError(409, "A workspace proxy named eu-west already exists.");
    expect(nameError(duplicate)).toMatch(/already used/);
    expect(formLevelError(duplicate)).toBeNull();
  });

  it("keeps other failures (like the premium 403) in the form's block", () => {
    const premium = new ApiRequestError(403, "Workspace Proxy is a Premium feature. Contact sales!");
    expect(nameError(premium)).toBeUndefined();
    expect(formLevelError(premium)).toBe(premium);
  });
});

describe("icons", () => {
  it("draws a proxy's flag emoji as the served SVG flag", () => {
    const html = renderToStaticMarkup(<ProxyTable proxies={[live]} now={NOW} labelledBy="h" locked={false} actions={actions} />);
    expect(html).toContain('<img src="/icons/flags/ie.svg" alt=""');
  });

  it("draws the picker's flags as SVG flags and other emoji as text, each button named", () => {
    const html = renderToStaticMarkup(<IconPicker value="🇯🇵" onChange={noop} />);
    const group = html.slice(html.indexOf('aria-label="Suggested icons"'));
    const flags = SUGGESTED_ICONS.filter(({ label }) => label.endsWith(" flag"));
    expect(flags.length).toBeGreaterThan(10);
    for (const { emoji, label } of SUGGESTED_ICONS) {
      const button = group.match(new RegExp(`<button[^>]*aria-label="${label}"[^>]*>(.*?)</button>`))![1];
      expect(button).toContain(flags.some((f) => f.emoji === emoji) ? `<img src="/icons/flags/` : emoji);
      expect(button).not.toMatch(/[\u{1F1E6}-\u{1F1FF}]/u);
    }
    expect(group).toContain('<img src="/icons/flags/de.svg" alt=""');
    // The preview beside the field shows the current value the same way.
    expect(html.slice(0, html.indexOf('aria-label="Suggested icons"'))).toContain('<img src="/icons/flags/jp.svg" alt=""');
  });
});

describe("location inputs", () => {
  it("round-trips a region code, coordinates and no location", () => {
    expect(locationInput(draftFromLocation({ code: "ap-south", latitude: 19.1, longitude: 72.9 }))).toEqual({ code: "ap-south" });
    expect(locationInput(draftFromLocation({ code: null, latitude: -12.5, longitude: 130.8 }))).toEqual({ latitude: -12.5, longitude: 130.8 });
    expect(locationInput(draftFromLocation({ code: "moon-base", latitude: 1, longitude: 2 }))).toEqual({ latitude: 1, longitude: 2 });
    expect(locationInput(draftFromLocation(null))).toBeNull();
  });
});

describe("agent command", () => {
  it("starts the agent against this console with the token in the environment, one flag per line", () => {
    expect(agentCommand("3f0c:s3cr3t", "http://127.0.0.1:3000")).toBe(
      [
        "MERIDIAN_PROXY_TOKEN='3f0c:s3cr3t' node cli/index.mjs proxy \\",
        "  --primary-url http://127.0.0.1:3000 \\",
        "  --http-address 127.0.0.1:4100 \\",
        "  --access-url http://127.0.0.1:4100",
      ].join("\n"),
    );
  });

  it("listens on loopback only when the console itself is local; otherwise where a real primary can reach it", () => {
    for (const local of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000", "http://meridian.localhost"]) {
      expect(agentCommand("t", local), local).toContain("--http-address 127.0.0.1:4100");
    }
    const remote = agentCommand("3f0c:s3cr3t", "https://meridian.example.com");
    expect(remote).toContain("--primary-url https://meridian.example.com");
    expect(remote).not.toMatch(/127\.0\.0\.1|localhost/);
    expect(remote).toContain("--http-address :4100");
    expect(remote).toContain(`--access-url "http://$(hostname -f):4100"`);
  });

  it("names the primary by its configured access URL in the token dialog, not by how this browser reached it", () => {
    const html = renderToStaticMarkup(<TokenDetails shown={{ proxyName: "eu", token: "3f0c:s3cr3t", reason: "created" }} primaryUrl="https://meridian.example.com/" onDone={noop} />);
    expect(text(html)).toContain("this token will not be shown again");
    expect(text(html)).toContain("--primary-url https://meridian.example.com \\");
    expect(text(html)).toContain("--http-address :4100");
  });

  it("quotes for a POSIX shell", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
