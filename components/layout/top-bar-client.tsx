"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { accountsApi } from "@/lib/query/accounts";
import { Button } from "@/components/ui/button";
import type { NavItem } from "./top-bar";

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="flex flex-wrap items-center gap-1 text-sm">
        {items.map((item) => {
          const current = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                // Every console page is rendered per request: prefetching them all on each load costs
                // the server a render per link and competes with the region picker's measurements.
                prefetch={false}
                aria-current={current ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 font-medium ${current ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function SignOutButton() {
  const logout = useMutation({ mutationFn: accountsApi.logout, onSettled: () => window.location.assign("/login") });
  return (
    <Button onClick={() => logout.mutate()} disabled={logout.isPending}>
      {logout.isPending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
