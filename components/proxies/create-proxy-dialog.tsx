"use client";
// "New proxy": name, display name, icon, location. Server validation lands on the field it names;
// a duplicate name (409) lands on the name field too. On success the parent shows the token once.
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { CreateProxyResponse } from "@/lib/api/proxies";
import { proxiesApi } from "@/lib/query/proxies";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, fieldError, FormError, PrimaryButton } from "@/components/ui/form";
import { formLevelError, IconPicker, LocationPicker, locationInput, NameField, NO_LOCATION } from "./proxy-fields";

export function CreateProxyDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (created: CreateProxyResponse) => void }) {
  return (
    <Dialog open={open} title="New workspace proxy" onClose={onClose}>
      <CreateProxyForm onCancel={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

/** Mounted only while the dialog is open, so every opening starts from an empty form. */
function CreateProxyForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (created: CreateProxyResponse) => void }) {
  const [name, setName] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [icon, setIcon] = useState("🌐");
  const [location, setLocation] = useState(NO_LOCATION);
  const create = useMutation({ mutationFn: proxiesApi.create, onSuccess: onCreated });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ name, display_name: displayName.trim() || undefined, icon, location: locationInput(location) });
      }}
    >
      <NameField value={name} onChange={setName} error={create.error} hint="A DNS label: lower-case letters, digits and inner hyphens, like eu-west-1." />
      <Field label="Display name" maxLength={64} value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={fieldError(create.error, "display_name")} hint="What users see in the region picker. Defaults to the name." />
      <IconPicker value={icon} onChange={setIcon} error={fieldError(create.error, "icon")} />
      <LocationPicker value={location} onChange={setLocation} error={create.error} />
      <FormError error={formLevelError(create.error)} />
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <PrimaryButton type="submit" pending={create.isPending}>
          {create.isPending ? "Creating…" : "Create proxy"}
        </PrimaryButton>
      </div>
    </form>
  );
}
