import type { ReactNode } from "react";

/** The frame of the signed-out pages: product name, a heading, the form. */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-xl border border-zinc-200 bg-white p-6 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <p className="text-sm font-semibold tracking-tight text-indigo-700 dark:text-indigo-400">Meridian</p>
      <h1 className="mt-1 text-xl font-semibold">{title}</h1>
      {intro && <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{intro}</div>}
      <div className="mt-5">{children}</div>
    </div>
  );
}
