"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { accountsApi } from "@/lib/query/accounts";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, fieldError, FormError, PrimaryButton, SelectField } from "@/components/ui/form";

const EMPTY = { name: "", email: "", password: "", role: "member" as "member" | "admin" };

export function CreateUserDialog({ open, canCreateAdmins, onClose, onCreated }: { open: boolean; canCreateAdmins: boolean; onClose: () => void; onCreated: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const create = useMutation({
    mutationFn: accountsApi.createUser,
    onSuccess: () => {
      setForm(EMPTY);
      onCreated();
      onClose();
    },
  });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [key]: e.target.value });
  return (
    <Dialog open={open} title="Create user" onClose={onClose}>
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(form);
        }}
      >
        <Field label="Name" required value={form.name} onChange={set("name")} error={fieldError(create.error, "name")} />
        <Field label="Email" type="email" required value={form.email} onChange={set("email")} error={fieldError(create.error, "email")} />
        <Field label="Password" type="password" autoComplete="new-password" required minLength={10} value={form.password} onChange={set("password")} error={fieldError(create.error, "password")} hint="At least 10 characters; share it with them safely." />
        <SelectField label="Role" value={form.role} onChange={set("role")}>
          <option value="member">member</option>
          {canCreateAdmins && <option value="admin">admin</option>}
        </SelectField>
        <FormError error={create.error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <PrimaryButton type="submit" pending={create.isPending}>
            {create.isPending ? "Creating…" : "Create"}
          </PrimaryButton>
        </div>
      </form>
    </Dialog>
  );
}
