"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { accountsApi } from "@/lib/query/accounts";
import { Field, fieldError, FormError, PrimaryButton } from "@/components/ui/form";

export function SetupForm() {
  const router = useRouter();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const setup = useMutation({
    // The owner who just chose the password is signed in with it: no second form to fill.
    mutationFn: async (input: typeof form) => {
      await accountsApi.setup(input);
      return accountsApi.login({ email: input.email, password: input.password }).then(
        () => true,
        () => false,
      );
    },
    // A full navigation: the console layout reads the new session cookie on the server. Should the
    // sign-in fail (the account exists either way), the sign-in page says the account is ready.
    onSuccess: (signedIn) => (signedIn ? window.location.assign("/") : router.replace("/login?setup=done")),
  });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setup.mutate(form);
      }}
    >
      <Field label="Name" autoComplete="name" required value={form.name} onChange={set("name")} error={fieldError(setup.error, "name")} />
      <Field label="Email" type="email" autoComplete="username" required value={form.email} onChange={set("email")} error={fieldError(setup.error, "email")} />
      <Field label="Password" type="password" autoComplete="new-password" required minLength={10} value={form.password} onChange={set("password")} error={fieldError(setup.error, "password")} hint="At least 10 characters." />
      <FormError error={setup.error} />
      <PrimaryButton type="submit" pending={setup.isPending || setup.isSuccess} className="w-full">
        {setup.isPending ? "Creating…" : "Create owner account"}
      </PrimaryButton>
    </form>
  );
}
