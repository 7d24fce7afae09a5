"use client";
// The name, icon and location inputs shared by the create and edit dialogs.
import type { ProxyLocationInput, WorkspaceProxy } from "@/lib/api/proxies";
import { LOCATIONS, type LocationCode } from "@/lib/locations";
import { Field, fieldError, SelectField } from "@/components/ui/form";
import { RegionIcon } from "@/components/ui/region-icon";
import { ApiRequestError } from "@/lib/query/fetch";

/** The name field's error: the API's validation for it, or the duplicate-name conflict. */
export function nameError(error: unknown): string | undefined {
  const validation = fieldError(error, "name");
  if (validation) return validation;
  if (error instanceof ApiRequestError && error.status === 409) return "is already used by another proxy; pick a different one.";
  return undefined;
}

const FIELDS = ["name", "display_name", "icon", "location", "location.code", "location.latitude", "location.longitude"];

/** Errors the fields already show are not repeated in the block under the form. */
export function formLevelError(error: unknown): unknown {
  if (nameError(error)) return null;
  if (error instanceof ApiRequestError && error.validations?.some((v) => FIELDS.includes(v.field))) return null;
  return error;
}

/** The proxy's name: a DNS label. `error` is the last save's, shown here when it is about the name. */
export function NameField({ value, onChange, error, hint }: { value: string; onChange: (name: string) => void; error: unknown; hint: string }) {
  return <Field label="Name" required maxLength={63} autoComplete="off" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} error={nameError(error)} hint={hint} />;
}

/** A small set that covers most region names: globes, places, and the flags of common cloud regions. */
export const SUGGESTED_ICONS: { emoji: string; label: string }[] = [
  { emoji: "🌍", label: "Globe showing Europe and Africa" },
  { emoji: "🌎", label: "Globe showing the Americas" },
  { emoji: "🌏", label: "Globe showing Asia and Australia" },
  { emoji: "🌐", label: "Globe with meridians" },
  { emoji: "🏢", label: "Office building" },
  { emoji: "☁️", label: "Cloud" },
  { emoji: "🇺🇸", label: "United States flag" },
  { emoji: "🇨🇦", label: "Canada flag" },
  { emoji: "🇧🇷", label: "Brazil flag" },
  { emoji: "🇬🇧", label: "United Kingdom flag" },
  { emoji: "🇮🇪", label: "Ireland flag" },
  { emoji: "🇩🇪", label: "Germany flag" },
  { emoji: "🇫🇷", label: "France flag" },
  { emoji: "🇳🇱", label: "Netherlands flag" },
  { emoji: "🇿🇦", label: "South Africa flag" },
  { emoji: "🇮🇳", label: "India flag" },
  { emoji: "🇸🇬", label: "Singapore flag" },
  { emoji: "🇯🇵", label: "Japan flag" },
  { emoji: "🇰🇷", label: "South Korea flag" },
  { emoji: "🇦🇺", label: "Australia flag" },
];

export function IconPicker({ value, onChange, error }: { value: string; onChange: (icon: string) => void; error?: string }) {
  return (
    <div className="space-y-2">
      <div className="flex items-end gap-3">
        <div className="min-w-0 flex-1">
          <Field label="Icon" value={value} maxLength={2048} onChange={(e) => onChange(e.target.value)} error={error} hint="Pick one below, type an emoji, or paste an image URL (https://… or /path)." />
        </div>
        <div className="pb-1.5">
          <RegionIcon key={value} icon={value} />
        </div>
      </div>
      <div role="group" aria-label="Suggested icons" className="grid grid-cols-10 gap-1 max-sm:grid-cols-7">
        {SUGGESTED_ICONS.map(({ emoji, label }) => (
          <button
            key={emoji}
            type="button"
            aria-label={label}
            title={label}
            aria-pressed={value.trim() === emoji}
            onClick={() => onChange(emoji)}
            className="flex aspect-square items-center justify-center rounded-md text-lg leading-none ring-1 ring-inset ring-zinc-200 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600 aria-pressed:bg-indigo-50 aria-pressed:ring-2 aria-pressed:ring-indigo-600 dark:ring-zinc-700 dark:hover:bg-zinc-800 dark:aria-pressed:bg-indigo-950"
          >
            <RegionIcon icon={emoji} bare />
          </button>
        ))}
      </div>
    </div>
  );
}

/** What the location inputs hold: a region code, custom coordinates (as typed), or nothing. */
export interface LocationDraft {
  mode: "" | "custom" | LocationCode;
  latitude: string;
  longitude: string;
}

export const NO_LOCATION: LocationDraft = { mode: "", latitude: "", longitude: "" };

export function draftFromLocation(location: WorkspaceProxy["location"]): LocationDraft {
  if (!location) return NO_LOCATION;
  if (location.code && Object.hasOwn(LOCATIONS, location.code)) return { ...NO_LOCATION, mode: location.code as LocationCode };
  return { mode: "custom", latitude: String(location.latitude), longitude: String(location.longitude) };
}

/** The request's `location`; coordinates the browser could not read as numbers go as given, for the API to name. */
export function locationInput(draft: LocationDraft): ProxyLocationInput | null {
  if (draft.mode === "") return null;
  if (draft.mode === "custom") return { latitude: Number(draft.latitude), longitude: Number(draft.longitude) };
  return { code: draft.mode };
}

export function LocationPicker({ value, onChange, error }: { value: LocationDraft; onChange: (draft: LocationDraft) => void; error: unknown }) {
  const problem = fieldError(error, "location") ?? fieldError(error, "location.code");
  return (
    <div className="space-y-2">
      <SelectField label="Location" value={value.mode} onChange={(e) => onChange({ ...value, mode: e.target.value as LocationDraft["mode"] })}>
        <option value="">Not on the map</option>
        {Object.entries(LOCATIONS).map(([code, { label }]) => (
          <option key={code} value={code}>
            {label} ({code})
          </option>
        ))}
        <option value="custom">Custom coordinates…</option>
      </SelectField>
      {problem && <p className="text-xs text-red-700 dark:text-red-400">Location {problem}</p>}
      {value.mode === "custom" && (
        <div className="grid grid-cols-2 gap-3">
          <Field label="Latitude" type="number" step="any" min={-90} max={90} required inputMode="decimal" value={value.latitude} onChange={(e) => onChange({ ...value, latitude: e.target.value })} error={fieldError(error, "location.latitude")} hint="-90 to 90" />
          <Field label="Longitude" type="number" step="any" min={-180} max={180} required inputMode="decimal" value={value.longitude} onChange={(e) => onChange({ ...value, longitude: e.target.value })} error={fieldError(error, "location.longitude")} hint="-180 to 180" />
        </div>
      )}
    </div>
  );
}
