"use client";
// The API reference's filter: the operations arrive rendered (on the server); this only hides
// those whose method, path, summary or tag do not contain every word typed.
import { useId, useState, type ReactNode } from "react";

export interface FilterItem {
  id: string;
  /** What the filter matches: method, path, summary, tag, who may call it. */
  text: string;
  /** Its line in the contents. */
  entry: ReactNode;
  node: ReactNode;
}

export interface FilterGroup {
  id: string;
  title: string;
  description?: string;
  items: FilterItem[];
}

export function OperationFilter({ groups }: { groups: FilterGroup[] }) {
  const [query, setQuery] = useState("");
  const inputId = useId();
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (item: FilterItem) => words.every((w) => item.text.toLowerCase().includes(w));
  const visible = groups.map((g) => ({ ...g, items: g.items.filter(matches) })).filter((g) => g.items.length > 0);
  const count = visible.reduce((n, g) => n + g.items.length, 0);
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <div className="lg:grid lg:grid-cols-[16rem_minmax(0,1fr)] lg:gap-8">
      <div className="space-y-3 lg:sticky lg:top-20 lg:max-h-[calc(100vh-6rem)] lg:self-start lg:overflow-y-auto">
        <div>
          <label htmlFor={inputId} className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">
            Filter operations
          </label>
          <input
            id={inputId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="e.g. get regions"
            autoComplete="off"
            className="mt-1 w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm text-zinc-900 placeholder:text-zinc-500 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-400"
          />
          <p role="status" className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            {count === total ? `${total} operations` : `${count} of ${total} operations`}
          </p>
        </div>
        <nav aria-label="Operations" className="hidden lg:block">
          <ul className="space-y-3 text-sm">
            {visible.map((g) => (
              <li key={g.id}>
                <a href={`#${g.id}`} className="font-semibold text-zinc-900 hover:text-indigo-700 dark:text-zinc-100 dark:hover:text-indigo-300">
                  {g.title}
                </a>
                <ul className="mt-1 space-y-0.5">
                  {g.items.map((item) => (
                    <li key={item.id}>
                      <a href={`#${item.id}`} className="flex min-w-0 items-center gap-1.5 rounded px-1 py-0.5 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                        {item.entry}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <div className="mt-6 space-y-8 lg:mt-0">
        {visible.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">No operation matches “{query}”.</p>}
        {visible.map((g) => (
          <section key={g.id} id={g.id} aria-labelledby={`${g.id}-heading`} className="scroll-mt-24 space-y-3">
            <div>
              <h2 id={`${g.id}-heading`} className="text-lg font-semibold text-zinc-900 dark:text-zinc-50">
                {g.title}
              </h2>
              {g.description && <p className="text-sm text-zinc-600 dark:text-zinc-400">{g.description}</p>}
            </div>
            {g.items.map((item) => (
              <div key={item.id}>{item.node}</div>
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
