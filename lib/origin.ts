// Web origins as browsers report them (`Origin` header, `MessageEvent.origin`): used for the
// embed allow-list on the server and for postMessage checks in the browser.

/** `scheme://host[:port]` exactly as a browser reports it in `Origin`, or null when `value` is not one. */
export function canonicalOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\/?$/i.test(value)) return null;
  return url.origin;
}
