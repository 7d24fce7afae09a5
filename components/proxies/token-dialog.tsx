"use client";
// The proxy token, shown once: after a create or a regeneration. Only its sha256 is stored, so
// closing this dialog is the last chance to copy it. The command beside it starts the agent.
import { useId, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { PrimaryButton } from "@/components/ui/form";
import { Button } from "@/components/ui/button";
import { agentCommand } from "./agent-command";

export interface ShownToken {
  proxyName: string;
  token: string;
  reason: "created" | "regenerated";
}

/**
 * `accessUrl`: MERIDIAN_ACCESS_URL when it is set, the address the primary knows itself by (and
 * checks agents from); otherwise the command names the primary as this browser reaches it.
 */
export function TokenDialog({ shown, accessUrl, onClose }: { shown: ShownToken | null; accessUrl: string | null; onClose: () => void }) {
  const title = shown?.reason === "regenerated" ? `New token for ${shown.proxyName}` : `Proxy ${shown?.proxyName ?? ""} created`;
  return (
    <Dialog open={shown !== null} title={title} onClose={onClose}>
      {shown && <TokenDetails shown={shown} primaryUrl={accessUrl ?? window.location.origin} onDone={onClose} />}
    </Dialog>
  );
}

/** Rendered only in the browser (after a write), so the page's origin is at hand. */
export function TokenDetails({ shown, primaryUrl, onDone }: { shown: ShownToken; primaryUrl: string; onDone: () => void }) {
  const command = agentCommand(shown.token, primaryUrl.replace(/\/+$/, ""));
  return (
    <div className="space-y-4 text-sm">
      <p role="status" className="rounded-md bg-amber-50 px-3 py-2 font-medium text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
        Copy the token now: this token will not be shown again.
        {shown.reason === "regenerated" && " The old token has stopped working; restart the proxy agent with this one."}
      </p>
      <Copyable label="Proxy token" value={shown.token} />
      <div>
        <Copyable label="Command to start the proxy" value={command} multiline />
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
          Run it from a Meridian checkout (after <code className="font-mono">npm ci</code>) on the proxy&apos;s host. <code className="font-mono">--http-address</code> is where the agent listens;{" "}
          <code className="font-mono">--access-url</code> must be the URL users and this server reach it at (change it if the agent sits behind TLS or a load balancer).
        </p>
      </div>
      <div className="flex justify-end">
        <PrimaryButton type="button" onClick={onDone}>
          Done
        </PrimaryButton>
      </div>
    </div>
  );
}

/** A read-only value with a copy button; the button keeps its name, a status line says it worked. */
export function Copyable({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const [copied, setCopied] = useState<"copied" | "failed" | null>(null);
  const id = useId();
  const control = "block w-full min-w-0 rounded-md bg-zinc-50 px-3 py-2 font-mono text-xs text-zinc-900 ring-1 ring-inset ring-zinc-300 dark:bg-zinc-950 dark:text-zinc-100 dark:ring-zinc-700";
  const copy = async () => {
    const ok = await navigator.clipboard?.writeText(value).then(
      () => true,
      () => false,
    );
    setCopied(ok ? "copied" : "failed");
  };
  return (
    <div>
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        <span className="flex items-center gap-2">
          <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
            {copied === "copied" ? "Copied" : copied === "failed" ? "Copy failed: select the text and copy it by hand" : ""}
          </span>
          <Button onClick={() => void copy()} aria-label={`Copy ${label.toLowerCase()}`}>
            Copy
          </Button>
        </span>
      </div>
      {multiline ? (
        // As tall as its text (field-sizing), wrapped at spaces first: a long token breaks, a URL stays whole.
        <textarea
          id={id}
          readOnly
          rows={value.split("\n").length + 2}
          value={value}
          onFocus={(e) => e.target.select()}
          className={`mt-1 max-h-[50dvh] resize-none field-sizing-content whitespace-pre-wrap [overflow-wrap:anywhere] ${control}`}
        />
      ) : (
        <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} className={`mt-1 ${control}`} />
      )}
    </div>
  );
}
