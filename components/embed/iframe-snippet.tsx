"use client";
// The markup a portal pastes to show the picker, pointing at this console's access URL.
import { useState } from "react";
import { Button } from "@/components/ui/button";

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** `<iframe …>` for the embedded region picker served from `accessUrl`. */
export function iframeSnippet(accessUrl: string): string {
  const src = `${accessUrl.replace(/\/+$/, "")}/embed/region-picker`;
  return [`<iframe`, `  src="${escapeAttribute(src)}"`, `  title="Choose your region"`, `  width="520"`, `  height="640"`, `  style="border: 0"`, `></iframe>`].join("\n");
}

export function IframeSnippet({ accessUrl }: { accessUrl: string }) {
  const [copied, setCopied] = useState(false);
  const code = iframeSnippet(accessUrl);
  return (
    <section aria-labelledby="embed-snippet-heading" className="max-w-2xl space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="embed-snippet-heading" className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
          Embed the picker
        </h2>
        <Button onClick={() => navigator.clipboard.writeText(code).then(() => setCopied(true), () => setCopied(false))}>{copied ? "Copied" : "Copy code"}</Button>
        <span role="status" className="sr-only">
          {copied ? "The iframe code is on the clipboard." : ""}
        </span>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Paste this into a page on an allowed origin. Add <code className="font-mono text-[0.9em]">?theme=dark</code> (or <code className="font-mono text-[0.9em]">light</code>) to the address
        to match the portal. A visitor signed in to Meridian in the same browser is recognised; otherwise the portal&apos;s backend mints a short-lived embed token (
        <code className="font-mono text-[0.9em]">meridian embed token --help</code> shows how) and appends it as <code className="font-mono text-[0.9em]">#token=…</code>.
      </p>
      <pre
        tabIndex={0}
        aria-label="iframe code"
        className="overflow-x-auto rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-relaxed text-zinc-100 ring-1 ring-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <code>{code}</code>
      </pre>
    </section>
  );
}
