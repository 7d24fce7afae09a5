// The console header's model and the pieces that draw without a router: which pages each role is
// offered, and how URLs wrap.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { urlBreakParts, UrlText } from "@/components/ui/url-text";
import { consoleNav, isCurrent } from "./nav-items";

const ADMIN_PAGES = ["/", "/proxies", "/health", "/users", "/audit", "/licenses", "/features", "/settings/embed"];

describe("consoleNav", () => {
  it("offers an admin every page once, grouped so the header stays one row", () => {
    const nav = consoleNav("admin");
    const hrefs = [...nav.main, ...nav.settings, ...nav.account].map((i) => i.href);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(hrefs).toEqual(expect.arrayContaining([...ADMIN_PAGES, "/regions", "/settings/tokens"]));
    // Six main pages at most: with the "Settings" and account buttons they fit 1024 px.
    expect(nav.main.length).toBeLessThanOrEqual(6);
    expect(consoleNav("owner")).toEqual(nav);
  });

  it("offers a member no admin page", () => {
    const nav = consoleNav("member");
    const hrefs = [...nav.main, ...nav.settings, ...nav.account].map((i) => i.href);
    expect(hrefs).toEqual(["/regions", "/settings/tokens", "/api-reference"]);
    expect(hrefs.filter((h) => ADMIN_PAGES.includes(h))).toEqual([]);
  });

  it("marks the page and the pages under it, the overview only at /", () => {
    const [overview, , proxies] = consoleNav("admin").main;
    expect(isCurrent(overview, "/")).toBe(true);
    expect(isCurrent(overview, "/proxies")).toBe(false);
    expect(isCurrent(proxies, "/proxies/0b8f")).toBe(true);
    expect(isCurrent(proxies, "/proxiesque")).toBe(false);
    expect(isCurrent(proxies, null)).toBe(false);
  });
});

describe("UrlText", () => {
  it("may wrap after the scheme and after each slash, never inside host:port", () => {
    expect(urlBreakParts("http://127.0.0.1:41234/apps/x")).toEqual(["http://", "127.0.0.1:41234/", "apps/", "x"]);
    expect(urlBreakParts("10.0.0.7:4100")).toEqual(["10.0.0.7:4100"]);
    const html = renderToStaticMarkup(<UrlText url="https://eu-west.example.com:8443/" />);
    expect(html).toContain("https://<wbr/>eu-west.example.com:8443/");
  });
});
