// The top of a detail page: a way back, the name, a status badge and a few facts as a list.
import Link from "next/link";
import type { ReactNode } from "react";

export function DetailHeader({ back, title, subtitle, badges, facts }: { back: { href: string; label: string }; title: string; subtitle?: ReactNode; badges?: ReactNode; facts: [string, ReactNode][] }) {
  return (
    <header className="space-y-4">
      <Link href={back.href} className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
        <span aria-hidden="true">← </span>
        {back.label}
      </Link>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <h1 className="text-2xl font-semibold tracking-tight break-all text-zinc-900 dark:text-zinc-50">{title}</h1>
        {badges}
      </div>
      {subtitle && <div className="text-sm text-zinc-600 dark:text-zinc-400">{subtitle}</div>}
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        {facts.map(([term, value]) => (
          <div key={term} className="min-w-0">
            <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{term}</dt>
            <dd className="mt-0.5 break-words text-zinc-900 dark:text-zinc-100">{value}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}

/** The heading of the charts with the period links beside it. */
export function HistoryHeading({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <h2 id={id} className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
        History
      </h2>
      {children}
    </div>
  );
}
