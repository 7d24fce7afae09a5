import Link from "next/link";
import type { Role } from "@/lib/api/users";
import { RegionPickerMenu } from "@/components/regions/region-picker-menu";
import { LiveStatus } from "./live-updates";
import { NavLinks, SignOutButton } from "./top-bar-client";

export interface NavItem {
  href: string;
  label: string;
}

/** The console chrome; admin pages appear in the nav only for admins (the pages check too). */
export function TopBar({ user }: { user: { email: string; role: Role } }) {
  const admin = user.role !== "member";
  const items: NavItem[] = [
    ...(admin ? [{ href: "/", label: "Overview" }] : []),
    { href: "/regions", label: "Regions" },
    ...(admin
      ? [
          { href: "/proxies", label: "Proxies" },
          { href: "/health", label: "Health" },
          { href: "/users", label: "Users" },
          { href: "/audit", label: "Audit log" },
          { href: "/licenses", label: "Licenses" },
          { href: "/features", label: "Features" },
          { href: "/settings/embed", label: "Embedding" },
        ]
      : []),
    { href: "/settings/tokens", label: "API tokens" },
  ];
  return (
    <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
      <div className="mx-auto flex min-h-14 max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 sm:px-6">
        <Link href="/" prefetch={false} className="flex items-center gap-2 rounded-md font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
          <MeridianMark />
          Meridian
        </Link>
        <NavLinks items={items} />
        <div className="ml-auto flex items-center gap-3 text-sm">
          <LiveStatus />
          <RegionPickerMenu />
          <span className="hidden text-zinc-600 sm:inline dark:text-zinc-400">
            {user.email} · {user.role}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}

function MeridianMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 text-indigo-600 dark:text-indigo-400" fill="none" stroke="currentColor" strokeWidth="1.6">
      <circle cx="12" cy="12" r="9" />
      <ellipse cx="12" cy="12" rx="4" ry="9" />
      <path d="M3 12h18" />
    </svg>
  );
}
