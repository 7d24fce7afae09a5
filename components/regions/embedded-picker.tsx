"use client";
// The picker as a portal embeds it: no console chrome, themed by query string or message, signed
// in with an embed token from the URL fragment (or a message) where cookies cannot go, and
// telling its parent — at the parent's allow-listed origin only — which region the user works
// through. See lib/embed/protocol.ts for the messages.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore, type CSSProperties } from "react";
import { allowedParentOrigin, tokenFromFragment, parseInbound, type EmbedOutbound, type EmbedTheme } from "@/lib/embed/protocol";
import { LiveUpdates } from "@/components/layout/live-updates";
import { ErrorState, TableSkeleton } from "@/components/ui/states";
import { MeasureAgain } from "./measure-again";
import { RegionChoiceProvider, useRegionChoice } from "./region-choice";
import { RegionList } from "./region-list";
import { RegionNotices } from "./region-notices";

interface Frame {
  /** Where messages go; null when not framed (opened directly) or framed by an origin not allowed. */
  parent: string | null;
  refused: boolean;
}

const noop = () => () => {};

/** Read once on the client; the server render (no window) sees "not framed yet". */
function useFrame(allowedOrigins: readonly string[]): Frame | null {
  return useSyncExternalStore(
    noop,
    () => frameOf(allowedOrigins),
    () => null,
  );
}

/** The embed token from `#token=…`, taken out of the address bar (and history) at once: it is a credential. */
let fragmentToken: string | null | undefined;
function readFragmentToken(): string | null {
  if (fragmentToken !== undefined) return fragmentToken;
  fragmentToken = tokenFromFragment(window.location.hash);
  if (fragmentToken) window.history.replaceState(null, "", window.location.pathname + window.location.search);
  return fragmentToken;
}

let frame: Frame | undefined;
function frameOf(allowedOrigins: readonly string[]): Frame {
  if (frame) return frame;
  if (window.parent === window) return (frame = { parent: null, refused: false });
  const parent = allowedParentOrigin(window.location.ancestorOrigins?.[0], document.referrer, allowedOrigins, window.location.origin);
  return (frame = { parent, refused: parent === null });
}

/** `initialTheme` comes from the query string, read by the server so the first paint is already themed. */
export function EmbeddedPicker({ allowedOrigins, initialTheme }: { allowedOrigins: string[]; initialTheme: { theme: EmbedTheme; accent: string | null } }) {
  const client = useQueryClient();
  const frame = useFrame(allowedOrigins);
  const [theme, setTheme] = useState(initialTheme);
  const fromFragment = useSyncExternalStore(noop, readFragmentToken, () => null);
  const [fromMessage, setFromMessage] = useState<string>();
  const token = fromMessage ?? fromFragment ?? undefined;

  const parent = frame?.parent ?? null;
  useEffect(() => {
    if (!parent) return;
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || event.origin !== parent) return;
      const message = parseInbound(event.data);
      if (message?.type === "meridian:set-theme") setTheme((t) => ({ theme: message.theme ?? t.theme, accent: message.accent ?? t.accent }));
      if (message?.type === "meridian:set-token") {
        // Answers fetched with the old credential (or none) must not linger under the new one.
        client.removeQueries();
        setFromMessage(message.token);
      }
    };
    window.addEventListener("message", onMessage);
    post(parent, { type: "meridian:ready", version: 1 });
    return () => window.removeEventListener("message", onMessage);
  }, [parent, client]);

  const style = { colorScheme: theme.theme === "auto" ? "light dark" : theme.theme, ...(theme.accent ? { "--meridian-accent": theme.accent } : {}) } as CSSProperties;
  return (
    <div className={`${theme.theme === "auto" ? "" : theme.theme} min-h-dvh bg-white p-3 text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100`} style={style}>
      {frame?.refused ? (
        <p role="alert" className="text-sm">
          This region picker may only be embedded by origins an administrator has allowed.
        </p>
      ) : (
        <LiveUpdates key={token ?? "cookie"} token={token}>
          <RegionChoiceProvider token={token}>
            <main className="space-y-3">
              <h1 className="text-base font-semibold">Choose your region</h1>
              <Picker parent={parent} />
            </main>
          </RegionChoiceProvider>
        </LiveUpdates>
      )}
    </div>
  );
}

function Picker({ parent }: { parent: string | null }) {
  const { regions, effective, automatic, latencies } = useRegionChoice();
  const latency = effective ? latencies[effective.id] : undefined;
  const median = latency?.status === "measured" ? latency.median_ms : null;
  const name = effective?.name ?? null;
  useEffect(() => {
    if (parent && name) post(parent, { type: "meridian:region-selected", version: 1, region: name, latency_ms: median, automatic });
  }, [parent, name, median, automatic]);

  if (regions.isPending) return <TableSkeleton label="Loading regions" />;
  if (regions.isError && !regions.data) {
    const signIn = "status" in regions.error && regions.error.status === 401;
    return (
      <ErrorState
        title={signIn ? "Not signed in" : "Could not load regions"}
        message={signIn ? "The portal did not hand this picker a valid embed token. Reload the portal page; if it persists, tell its administrator." : regions.error.message}
        detail={signIn ? regions.error.message : undefined}
        onRetry={() => regions.refetch()}
        retrying={regions.isFetching}
      />
    );
  }
  return (
    <>
      <RegionNotices />
      <RegionList name="embed-region" />
      <div className="flex justify-end">
        <MeasureAgain />
      </div>
    </>
  );
}

function post(parent: string, message: EmbedOutbound) {
  window.parent.postMessage(message, parent);
}
