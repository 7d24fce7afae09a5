import Link from "next/link";
import type { Role } from "@/lib/api/users";
import { RegionPickerMenu } from "@/components/regions/region-picker-menu";
import { LiveStatus } from "./live-updates";
import { consoleNav } from "./nav-items";
import { AccountMenu, MainNav, PhoneMenu } from "./top-bar-client";

/**
 * The console chrome, one row at every width: on a desktop the main pages, "Settings" and the
 * account button; below `lg` a menu button opens all of them, so the sticky header stays 56 px.
 */
export function TopBar({ user }: { user: { email: string; role: Role } }) {
  const nav = consoleNav(user.role);
  return (
    <header className="sticky top-0 z-10 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:px-6 lg:gap-5">
        <Link href="/" prefetch={false} className="flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
          <MeridianMark />
          Meridian
        </Link>
        <MainNav nav={nav} />
        <div className="ml-auto flex min-w-0 items-center gap-2 text-sm sm:gap-3">
          <LiveStatus />
          {/* May shrink: the picker truncates its region name rather than push the row wider. */}
          <div className="min-w-0">
            <RegionPickerMenu />
          </div>
          <AccountMenu user={user} items={nav.account} />
          <PhoneMenu user={user} nav={nav} />
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
