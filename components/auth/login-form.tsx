"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { accountsApi } from "@/lib/query/accounts";
import { Field, FormError, PrimaryButton } from "@/components/ui/form";

export function LoginForm({ next, notice }: { next: string; notice?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const login = useMutation({
    mutationFn: accountsApi.login,
    // A full navigation: the console layout reads the new session cookie on the server.
    onSuccess: () => window.location.assign(next),
  });
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        login.mutate({ email, password });
      }}
    >
      {notice && <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200">{notice}</p>}
      <Field label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <Field label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      <FormError error={login.error} />
      <PrimaryButton type="submit" pending={login.isPending || login.isSuccess} className="w-full">
        {login.isPending ? "Signing in…" : "Sign in"}
      </PrimaryButton>
    </form>
  );
}
