"use client";
// Adds an origin to the allow-list. The server canonicalises it and says exactly what is wrong
// (a path, a wildcard, credentials, a duplicate, …); that message goes on the field.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { MAX_ORIGIN_LENGTH, type EmbedOrigin } from "@/lib/api/embed";
import { embedApi } from "@/lib/query/embed";
import { Field, fieldError, FormError, PrimaryButton } from "@/components/ui/form";

/** The API's message for the origin field (validation or duplicate), if it named it. */
export function originError(error: unknown): string | undefined {
  return fieldError(error, "origin");
}

/** Anything else (no permission, server unreachable) goes in the form's own block. */
export function formLevelError(error: unknown): unknown {
  return originError(error) ? null : error;
}

export function AddOriginForm({ onAdded }: { onAdded: (origin: EmbedOrigin) => void }) {
  const [value, setValue] = useState("");
  const id = useId();
  const add = useMutation({
    mutationFn: embedApi.add,
    onSuccess: ({ origin }) => {
      setValue("");
      onAdded(origin);
    },
  });

  return (
    <form
      aria-labelledby={`${id}-title`}
      className="grid max-w-2xl gap-x-3 gap-y-4 rounded-xl border border-zinc-200 bg-white p-4 sm:grid-cols-[1fr_auto] sm:items-start dark:border-zinc-800 dark:bg-zinc-900"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ origin: value });
      }}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold sm:col-span-2">
        Allow an origin
      </h2>
      <Field
        label="Origin"
        name="origin"
        required
        maxLength={MAX_ORIGIN_LENGTH}
        inputMode="url"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        placeholder="https://portal.example.com"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          if (add.error) add.reset();
        }}
        error={originError(add.error)}
        hint="Scheme, host and port of the page that frames the picker, with no path: what browsers send as Origin."
      />
      <div className="sm:pt-6">
        <PrimaryButton type="submit" pending={add.isPending}>
          {add.isPending ? "Adding…" : "Add origin"}
        </PrimaryButton>
      </div>
      {formLevelError(add.error) ? (
        <div className="sm:col-span-2">
          <FormError error={formLevelError(add.error)} />
        </div>
      ) : null}
    </form>
  );
}
