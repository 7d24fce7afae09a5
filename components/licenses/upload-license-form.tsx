"use client";
// Upload by pasting the license text or choosing the file it came in; the server says exactly
// why a license is refused (malformed, tampered, unknown key, expired, duplicate).
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { License } from "@/lib/api/licenses";
import { licensesApi } from "@/lib/query/licenses";
import { FormError, PrimaryButton } from "@/components/ui/form";

export function UploadLicenseForm({ onUploaded }: { onUploaded: (license: License) => void }) {
  const [text, setText] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const id = useId();
  const upload = useMutation({
    mutationFn: licensesApi.upload,
    onSuccess: ({ license }) => {
      setText("");
      onUploaded(license);
    },
  });

  return (
    <form
      aria-labelledby={`${id}-title`}
      className="max-w-2xl space-y-3 rounded-xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      onSubmit={(e) => {
        e.preventDefault();
        upload.mutate({ license: text });
      }}
    >
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Upload a license
      </h2>
      <div>
        <label htmlFor={`${id}-text`} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          License
        </label>
        <textarea
          id={`${id}-text`}
          required
          rows={4}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="eyJhbGciOiJFZERTQSIs…"
          className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-xs break-all text-zinc-900 shadow-xs ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700"
        />
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Paste the license text, or choose the file it came in.</p>
      </div>
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          License file
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".jwt,.txt,.license,text/plain"
          className="mt-1 block text-sm text-zinc-700 file:mr-3 file:rounded-md file:border-0 file:bg-zinc-100 file:px-3 file:py-1.5 file:text-sm file:font-medium dark:text-zinc-300 dark:file:bg-zinc-800 dark:file:text-zinc-100"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            setFileError(null);
            if (!file) return;
            if (file.size > 16 * 1024) return setFileError(`${file.name} is too large to be a license (${Math.round(file.size / 1024)} KiB).`);
            setText((await file.text()).trim());
          }}
        />
      </div>
      <FormError error={fileError ? new Error(fileError) : upload.error} />
      <PrimaryButton type="submit" pending={upload.isPending}>
        {upload.isPending ? "Uploading…" : "Upload license"}
      </PrimaryButton>
    </form>
  );
}
