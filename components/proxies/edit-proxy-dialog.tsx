"use client";
// Edit a proxy's name, display name, icon and location. Its token (and so its running agent) stays
// valid across a rename; a name another live proxy uses lands on the name field as a 409.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { WorkspaceProxy } from "@/lib/api/proxies";
import { proxiesApi } from "@/lib/query/proxies";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, fieldError, FormError, PrimaryButton } from "@/components/ui/form";
import { draftFromLocation, formLevelError, IconPicker, LocationPicker, locationInput, NameField } from "./proxy-fields";

export function EditProxyDialog({ proxy, onClose, onSaved }: { proxy: WorkspaceProxy | null; onClose: () => void; onSaved: () => void }) {
  return (
    <Dialog open={proxy !== null} title={`Edit ${proxy?.name ?? "proxy"}`} onClose={onClose}>
      {proxy && <EditProxyForm key={proxy.id} proxy={proxy} onCancel={onClose} onSaved={onSaved} />}
    </Dialog>
  );
}

function EditProxyForm({ proxy, onCancel, onSaved }: { proxy: WorkspaceProxy; onCancel: () => void; onSaved: () => void }) {
  const [name, setName] = useState(proxy.name);
  const [displayName, setDisplayName] = useState(proxy.display_name);
  const [icon, setIcon] = useState(proxy.icon_url);
  const [location, setLocation] = useState(() => draftFromLocation(proxy.location));
  const save = useMutation({
    mutationFn: () => proxiesApi.update(proxy.id, { name, display_name: displayName, icon, location: locationInput(location) }),
    onSuccess: onSaved,
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <NameField value={name} onChange={setName} error={save.error} hint="A DNS label, like eu-west-1. Renaming keeps the token: the running agent needs no change." />
      <Field label="Display name" required maxLength={64} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={fieldError(save.error, "display_name")} />
      <IconPicker value={icon} onChange={setIcon} error={fieldError(save.error, "icon")} />
      <LocationPicker value={location} onChange={setLocation} error={save.error} />
      <FormError error={formLevelError(save.error)} />
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <PrimaryButton type="submit" pending={save.isPending}>
          {save.isPending ? "Saving…" : "Save changes"}
        </PrimaryButton>
      </div>
    </form>
  );
}
