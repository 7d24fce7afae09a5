import Link from "next/link";
import type { WorkspaceProxy } from "@/lib/api/proxies";
import { LOCATIONS } from "@/lib/locations";
import { Badge } from "@/components/ui/badge";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { Dash } from "@/components/ui/dash";
import { TextWithCode } from "@/components/ui/inline-code";
import { RegionIcon } from "@/components/ui/region-icon";
import { RelativeTime } from "@/components/ui/relative-time";
import { UrlText } from "@/components/ui/url-text";
import { PROXY_TONE } from "./status";

const COLUMNS = ["Proxy", "Status", "Reason", "Region", "URL", "Last check"];

/** The label of a known region code, the code itself otherwise, or nothing without a location. */
export function locationLabel(location: WorkspaceProxy["location"]): string | null {
  if (!location) return null;
  const code = location.code;
  if (code && Object.hasOwn(LOCATIONS, code)) return LOCATIONS[code as keyof typeof LOCATIONS].label;
  return code ?? `${location.latitude.toFixed(1)}, ${location.longitude.toFixed(1)}`;
}

/** Icon, display name (a link to the proxy's detail page), demo label and DNS name; `children` adds lines under the name. */
export function ProxyName({ proxy, children }: { proxy: WorkspaceProxy; children?: React.ReactNode }) {
  return (
    <div className="flex items-center gap-3">
      <RegionIcon icon={proxy.icon_url} />
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Link href={`/proxies/${proxy.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
            {proxy.display_name || proxy.name}
          </Link>
          {proxy.demo && <Badge tone="demo">demo</Badge>}
        </div>
        <div className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{proxy.name}</div>
        {children}
      </div>
    </div>
  );
}

/** The proxy's URL as a link that wraps between its parts, or a dash before it has one. */
export function ProxyUrl({ proxy }: { proxy: WorkspaceProxy }) {
  if (!proxy.path_app_url) return <Dash label="no URL yet" />;
  return (
    <a href={proxy.path_app_url} className="text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
      <UrlText url={proxy.path_app_url} />
    </a>
  );
}

/** When the primary last checked the proxy, or "never". */
export function LastCheck({ proxy, now }: { proxy: WorkspaceProxy; now: number }) {
  return proxy.status.checked_at ? <RelativeTime iso={proxy.status.checked_at} now={now} /> : <span className="text-zinc-600 dark:text-zinc-400">never</span>;
}

export function ProxyStatusBadge({ status }: { status: WorkspaceProxy["status"]["status"] }) {
  return (
    <Badge tone={PROXY_TONE[status]} dot>
      {status}
    </Badge>
  );
}

export function ProxiesTable({ proxies, now, labelledBy }: { proxies: WorkspaceProxy[]; now: number; labelledBy: string }) {
  return (
    <DataTable labelledBy={labelledBy} columns={COLUMNS}>
      {sortForReading(proxies).map((p) => (
        <Row key={p.id} label={p.name}>
          <Cell label="Proxy" title>
            <ProxyName proxy={p} />
          </Cell>
          <Cell label="Status">
            <ProxyStatusBadge status={p.status.status} />
          </Cell>
          <Cell label="Reason">
            <Reason status={p.status} />
          </Cell>
          <Cell label="Region">{locationLabel(p.location) ?? <Dash />}</Cell>
          <Cell label="URL">
            <ProxyUrl proxy={p} />
          </Cell>
          <Cell label="Last check">
            <LastCheck proxy={p} now={now} />
          </Cell>
        </Row>
      ))}
    </DataTable>
  );
}

/** Real proxies first (the ones an admin acts on), demo rows after; each group keeps the API's order. */
export function sortForReading(proxies: WorkspaceProxy[]): WorkspaceProxy[] {
  return [...proxies.filter((p) => !p.demo), ...proxies.filter((p) => p.demo)];
}

function Reason({ status }: { status: WorkspaceProxy["status"] }) {
  const { errors, warnings } = status.report;
  if (!status.reason && errors.length === 0 && warnings.length === 0) return <Dash />;
  return (
    <div className="space-y-1 lg:max-w-sm">
      {status.reason && (
        <p>
          <TextWithCode text={status.reason} />
        </p>
      )}
      {errors.length > 0 && (
        <ul aria-label="Errors" className="list-disc space-y-0.5 pl-4 text-red-800 dark:text-red-300">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul aria-label="Warnings" className="list-disc space-y-0.5 pl-4 text-amber-800 dark:text-amber-300">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
