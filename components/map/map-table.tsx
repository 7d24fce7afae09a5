"use client";
// The map's text alternative: the same markers as a table, unplaced ones included ("no location").
// Folded away by default, since the sections below list the replicas and proxies in full; its rows
// are only rendered once opened (thousands of proxies would otherwise weigh megabytes of HTML).
import { useState } from "react";
import type { MapMarker } from "@/lib/geo/map-model";
import { Cell, DataTable, Row } from "@/components/ui/data-table";
import { FACTS, markerFacts, MarkerStatus, MarkerTitle } from "./marker-card";

const LABEL_ID = "health-map-table";
const COLUMNS = ["Region", "Status", ...FACTS];

export function MapTable({ markers, now, defaultOpen = false }: { markers: MapMarker[]; now: number; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details
      open={defaultOpen || undefined}
      className="rounded-xl border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary id={LABEL_ID} className="cursor-pointer rounded text-sm font-medium text-zinc-900 dark:text-zinc-50">
        The map as a table
      </summary>
      {open && (
        <div className="mt-3">
          <DataTable labelledBy={LABEL_ID} columns={COLUMNS}>
            {markers.map((m) => (
              <Row key={m.id} label={m.name}>
                <Cell label="Region" title>
                  <MarkerTitle marker={m} />
                </Cell>
                <Cell label="Status">
                  <MarkerStatus marker={m} />
                </Cell>
                {markerFacts(m, now).map((value, i) => (
                  <Cell key={FACTS[i]} label={FACTS[i]}>
                    {value}
                  </Cell>
                ))}
              </Row>
            ))}
          </DataTable>
        </div>
      )}
    </details>
  );
}
