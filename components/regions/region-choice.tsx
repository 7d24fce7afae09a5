"use client";
// One place per page that knows the user's region: the regions and their health, the user's
// choice, the latency from this browser to each region, the automatic pick, and what to tell the
// user. The header picker, the Regions page and the embedded picker all read it from here, so a
// page measures once and announces a switch once.
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { Region, RegionsResponse } from "@/lib/api/proxies";
import type { UserRegion } from "@/lib/api/regions";
import { regionKeys, regionsApi, regionsQuery, userRegionQuery } from "@/lib/query/regions";
import { pageHydrated } from "@/lib/latency/near-samples";
import { browserLatencyStore, NO_LATENCIES } from "@/lib/latency/store";
import { chooseAutomatic, evaluateManual, type Latencies, type ManualChoice } from "@/lib/regions/choice";
import { regionMemory, type RegionNotice } from "@/lib/regions/memory";
import { useFallbackRefetch } from "@/components/layout/live-updates";

export interface RegionChoice {
  regions: UseQueryResult<RegionsResponse>;
  userRegion: UseQueryResult<UserRegion>;
  list: Region[];
  latencies: Latencies;
  /** Regions being measured right now, of those that can be. */
  measuring: { active: number; total: number };
  remeasure(): void;
  /** The user's mode: automatic unless they picked a region. */
  automatic: boolean;
  /** In manual mode: the chosen region and whether it can be used. */
  manual: ManualChoice | null;
  /** The region in use: the automatic pick, or the user's own. */
  effective: Region | null;
  choose(regionId: string | null): void;
  choosing: boolean;
  notice: RegionNotice | null;
  dismissNotice(): void;
}

const Context = createContext<RegionChoice | null>(null);

export function useRegionChoice(): RegionChoice {
  const value = useContext(Context);
  if (!value) throw new Error("useRegionChoice needs a RegionChoiceProvider above it");
  return value;
}

/** `token`: an embed token to call the API with instead of the session cookie. */
export function RegionChoiceProvider({ token, children }: { token?: string; children: ReactNode }) {
  return <Context.Provider value={useRegionChoiceState(token)}>{children}</Context.Provider>;
}

function useRegionChoiceState(token?: string): RegionChoice {
  const client = useQueryClient();
  const regions = useQuery({ ...regionsQuery(token), refetchInterval: useFallbackRefetch() });
  const userRegion = useQuery(userRegionQuery(token));
  const memory = useSyncExternalStore(regionMemory.subscribe, regionMemory.getSnapshot, regionMemory.getServerSnapshot);

  const list = regions.data?.regions ?? NO_REGIONS;
  // Latency is this browser's to measure: the server's render and the hydrating one both show
  // "not measured yet". Measuring the regions the layout warmed up began before hydration
  // (measureEarly); near regions take their samples once the page has hydrated, and results
  // arrive in batches.
  const [store] = useState(browserLatencyStore);
  useEffect(() => {
    pageHydrated();
    store.track(list);
  }, [store, list]);
  useEffect(() => () => store.stop(), [store]);
  const measured = useSyncExternalStore(store.subscribe, store.getSnapshot, () => NO_LATENCIES);
  const latencies = measured.latencies;

  // A choice being saved shows at once, in the same render as the click: a controlled radio
  // would otherwise spring back until the query cache notifies. Until the server answers, the
  // choice this browser saw last stands in for it.
  const [saving, setSaving] = useState<{ region_id: string | null; seq: number } | null>(null);
  const choice = saving ? { region_id: saving.region_id, automatic: saving.region_id === null } : (userRegion.data ?? memory.choice);
  const automatic = choice?.automatic ?? true;
  const auto = chooseAutomatic(list, latencies, memory.automatic);
  const manual = !automatic && choice?.region_id ? evaluateManual(list, latencies, choice.region_id) : null;
  const effective = automatic ? auto.region : (manual?.region ?? null);

  useEffect(() => {
    if (userRegion.data) regionMemory.mirrorChoice(userRegion.data);
  }, [userRegion.data]);

  const autoId = auto.region?.id ?? null;
  const replaced = auto.replaced;
  useEffect(() => {
    if (!automatic || autoId === null || autoId === memory.automatic || !auto.region) return;
    const notice: RegionNotice | undefined = replaced && { kind: "switched", from: replaced.region ? label(replaced.region) : "The region you were using", to: label(auto.region), problem: replaced.problem };
    regionMemory.rememberAutomatic(autoId, notice);
  }, [automatic, autoId, memory.automatic, replaced, auto.region]);

  // Only the latest choice may settle what is shown: an older save finishing while a newer one
  // waits must not bring the older choice back, even for a moment.
  const latest = useRef(0);
  const mutation = useMutation({
    // One save at a time, in the order chosen: arrowing through the radios must not let an older
    // choice land on the server after a newer one.
    scope: { id: "region-choice" },
    mutationFn: ({ regionId }: { regionId: string | null; seq: number; previous: UserRegion | undefined }) => regionsApi.choose(regionId, token),
    onError: (err, { seq, previous }) => {
      if (seq !== latest.current) return;
      client.setQueryData(regionKeys.mine, previous);
      regionMemory.notify({ kind: "error", message: `Your region was not saved: ${err.message}` });
    },
    onSuccess: (saved, { seq }) => {
      if (seq === latest.current) client.setQueryData(regionKeys.mine, saved);
    },
    onSettled: (_data, _err, { seq }) => setSaving((current) => (current?.seq === seq ? null : current)),
  });
  const choose = (regionId: string | null) => {
    const seq = ++latest.current;
    setSaving({ region_id: regionId, seq });
    void client.cancelQueries({ queryKey: regionKeys.mine });
    const previous = client.getQueryData<UserRegion>(regionKeys.mine);
    client.setQueryData<UserRegion>(regionKeys.mine, { region_id: regionId, automatic: regionId === null, region: list.find((r) => r.id === regionId) ?? null });
    if (memory.notice?.kind === "switched") regionMemory.dismiss();
    mutation.mutate({ regionId, seq, previous });
  };

  return {
    regions,
    userRegion,
    list,
    latencies,
    measuring: { active: measured.active, total: measured.total },
    remeasure: store.remeasure,
    automatic,
    manual,
    effective,
    choose,
    choosing: mutation.isPending,
    notice: memory.notice,
    dismissNotice: regionMemory.dismiss,
  };
}

const NO_REGIONS: Region[] = [];

export function label(region: Pick<Region, "display_name" | "name">): string {
  return region.display_name || region.name;
}
