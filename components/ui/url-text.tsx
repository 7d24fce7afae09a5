import { Fragment } from "react";

/** Where a URL may wrap: after its scheme and after each "/", so its host and port stay on one line. */
export function urlBreakParts(url: string): string[] {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? "";
  const rest = url.slice(scheme.length).split(/(?<=\/)/);
  return [scheme, ...rest].filter(Boolean);
}

/**
 * A URL as text that wraps only at those points (`break-all` broke it anywhere, inside a port
 * number too). Only a single part wider than its box is still broken, as a last resort.
 */
export function UrlText({ url }: { url: string }) {
  return (
    <span className="break-words">
      {urlBreakParts(url).map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
