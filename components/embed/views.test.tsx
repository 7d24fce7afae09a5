// Renders the embedding page's views to HTML as the server does and checks what an admin would
// see and could operate: the explanation, each origin and where it comes from, which can be
// removed, the loading/empty/error states, field errors from the API, and the iframe code.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { EmbedOrigin, EmbedOriginsResponse } from "@/lib/api/embed";
import { embedKeys } from "@/lib/query/embed";
import { ApiRequestError } from "@/lib/query/fetch";
import { AddOriginForm, formLevelError, originError } from "./add-origin-form";
import { EmbedOriginsView } from "./embed-origins-view";
import { iframeSnippet, IframeSnippet } from "./iframe-snippet";
import { OriginsSection, type OriginsQuery } from "./origins-section";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
const noop = () => {};

const fromEnv: EmbedOrigin = { id: "env:https://intranet.example.com", origin: "https://intranet.example.com", source: "environment", created_at: null };
const added: EmbedOrigin = { id: "0b6f3f3e-7a44-4c55-9f0e-2a8d1c4b5e6f", origin: "https://portal.example.com", source: "console", created_at: "2026-03-14T09:26:53.000Z" };
const loaded = (data: EmbedOriginsResponse): OriginsQuery => ({ data, error: null, isFetching: false, refetch: noop });

function withClient(children: ReactNode, data?: EmbedOriginsResponse) {
  const client = new QueryClient();
  if (data) client.setQueryData(embedKeys.origins, data);
  return renderToStaticMarkup(<QueryClientProvider client={client}>{children}</QueryClientProvider>);
}

describe("OriginsSection", () => {
  it("lists each origin with its source and date; the variable's are marked and cannot be removed", () => {
    const html = renderToStaticMarkup(<OriginsSection query={loaded({ origins: [fromEnv, added] })} onRemove={noop} />);
    const t = text(html);
    expect(html).toContain('aria-labelledby="embed-origins-heading"');
    expect(t).toContain("Allowed origins 2");
    expect(t).toMatch(/https:\/\/intranet\.example\.com Source Environment from MERIDIAN_EMBED_ALLOWED_ORIGINS .*set at start-up/);
    expect(t).toContain("Change the variable and restart to remove it.");
    expect(t).toMatch(/https:\/\/portal\.example\.com Source Console Added 2026-03-14/);
    expect(html).toContain('dateTime="2026-03-14T09:26:53.000Z"');
    expect(html).toContain('title="2026-03-14 09:26:53 UTC"');
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain('aria-label="Remove https://portal.example.com"');
    expect(html).not.toContain('aria-label="Remove https://intranet.example.com"');
  });

  it("says what an empty list means and how to fill it", () => {
    const t = text(renderToStaticMarkup(<OriginsSection query={loaded({ origins: [] })} onRemove={noop} />));
    expect(t).toContain("No origin may embed the picker yet");
    expect(t).toContain("Only Meridian itself can frame its pages now.");
    expect(t).toContain("MERIDIAN_EMBED_ALLOWED_ORIGINS");
  });

  it("shows loading, then an error with the API's message and a retry", () => {
    const loading = renderToStaticMarkup(<OriginsSection query={{ data: undefined, error: null, isFetching: true, refetch: noop }} onRemove={noop} />);
    expect(loading).toContain('role="status" aria-label="Loading allowed origins"');
    const failed = renderToStaticMarkup(<OriginsSection query={{ data: undefined, error: new ApiRequestError(0, "Could not reach the Meridian server."), isFetching: false, refetch: noop }} onRemove={noop} />);
    expect(failed).toContain('role="alert"');
    expect(text(failed)).toContain("Could not load the allowed origins Could not reach the Meridian server. Retry");
  });
});

describe("adding an origin", () => {
  it("puts the API's validation and duplicate messages on the origin field, other failures in the form", () => {
    const invalid = new ApiRequestError(400, "Invalid body.", undefined, [{ field: "origin", detail: "must be one exact origin: wildcards (*) are not allowed" }]);
    expect(originError(invalid)).toBe("must be one exact origin: wildcards (*) are not allowed");
    expect(formLevelError(invalid)).toBeNull();
    const duplicate = new ApiRequestError(409, "https://portal.example.com is already on the allow-list.", undefined, [{ field: "origin", detail: "is already on the allow-list" }]);
    expect(originError(duplicate)).toBe("is already on the allow-list");
    const forbidden = new ApiRequestError(403, "You do not have permission to do this.");
    expect(originError(forbidden)).toBeUndefined();
    expect(formLevelError(forbidden)).toBe(forbidden);
    expect(formLevelError(null)).toBeNull();
  });

  it("has a labelled origin field with an example and a hint, and a submit button", () => {
    const html = withClient(<AddOriginForm onAdded={noop} />);
    const t = text(html);
    expect(t).toContain("Allow an origin");
    expect(html).toMatch(/<label for="([^"]+)"[^>]*>Origin<\/label><input id="\1"/);
    expect(html).toContain('placeholder="https://portal.example.com"');
    expect(html).toContain('maxLength="2048"');
    expect(html).toContain('required=""');
    expect(t).toContain("with no path");
    expect(html).toMatch(/<button type="submit"[^>]*>Add origin<\/button>/);
  });
});

describe("the iframe code", () => {
  it("points at this console's embed page, escaped for an attribute", () => {
    expect(iframeSnippet("https://meridian.example.com/")).toBe(
      '<iframe\n  src="https://meridian.example.com/embed/region-picker"\n  title="Choose your region"\n  width="520"\n  height="640"\n  style="border: 0"\n></iframe>',
    );
    expect(iframeSnippet('http://x.example.com/"><script>')).toContain('src="http://x.example.com/&quot;>&lt;script>/embed/region-picker"');
  });

  it("is shown in a focusable, scrollable block with a copy button and how to sign visitors in", () => {
    const html = renderToStaticMarkup(<IframeSnippet accessUrl="http://localhost:3000" />);
    expect(html).toMatch(/<pre tabindex="0" aria-label="iframe code" class="overflow-x-auto/);
    expect(text(html)).toContain('<iframe src="http://localhost:3000/embed/region-picker"');
    expect(text(html)).toContain("Copy code");
    expect(text(html)).toContain("#token=…");
  });
});

describe("EmbedOriginsView", () => {
  it("explains the allow-list, then the form, the list and the iframe code", () => {
    const html = withClient(<EmbedOriginsView accessUrl="https://meridian.example.com" />, { origins: [fromEnv, added] });
    const t = text(html);
    expect(html).toMatch(/<h1[^>]*>Embedding<\/h1>/);
    expect(t).toContain("Content-Security-Policy: frame-ancestors");
    expect(t).toContain("Every other Meridian page can be framed by Meridian alone.");
    expect(t.indexOf("Allow an origin")).toBeLessThan(t.indexOf("Allowed origins 2"));
    expect(t.indexOf("Allowed origins 2")).toBeLessThan(t.indexOf("Embed the picker"));
    expect(t).toContain("https://meridian.example.com/embed/region-picker");
    expect(html).toContain('aria-label="Remove https://portal.example.com"');
  });
});
