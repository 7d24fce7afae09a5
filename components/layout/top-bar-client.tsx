"use client";
// The header's interactive parts. Every group is a disclosure (a button with aria-expanded that
// shows a list of links): Tab reaches each link, Escape closes and returns to the button.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/lib/api/users";
import { accountsApi } from "@/lib/query/accounts";
import { useDisclosure } from "@/components/ui/use-disclosure";
import { isCurrent, type ConsoleNav, type NavItem } from "./nav-items";

type User = { email: string; role: Role };

const itemClass = (current: boolean) =>
  `block whitespace-nowrap rounded-md px-2.5 py-1.5 font-medium ${current ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`;
const panelClass = "absolute z-30 mt-2 rounded-xl bg-white p-1 text-sm shadow-xl ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800";

function NavLinks({ items, onFollow }: { items: NavItem[]; onFollow?: () => void }) {
  const pathname = usePathname();
  return items.map((item) => (
    <li key={item.href}>
      <Link
        href={item.href}
        // Every console page is rendered per request: prefetching them all on each load costs
        // the server a render per link and competes with the region picker's measurements.
        prefetch={false}
        aria-current={isCurrent(item, pathname) ? "page" : undefined}
        onClick={onFollow}
        className={itemClass(isCurrent(item, pathname))}
      >
        {item.label}
      </Link>
    </li>
  ));
}

/** Desktop: the main pages in a row, the settings-like ones behind "Settings". */
export function MainNav({ nav }: { nav: ConsoleNav }) {
  return (
    <nav aria-label="Main" className="hidden lg:block">
      <ul className="flex items-center gap-0.5 text-sm">
        <NavLinks items={nav.main} />
        {nav.settings.length > 0 && (
          <li>
            <SettingsMenu items={nav.settings} />
          </li>
        )}
      </ul>
    </nav>
  );
}

function SettingsMenu({ items }: { items: NavItem[] }) {
  const { open, close, rootRef, buttonProps, panelId } = useDisclosure();
  const pathname = usePathname();
  return (
    <div ref={rootRef} className="relative">
      <button {...buttonProps} className={`inline-flex items-center gap-1 ${itemClass(items.some((item) => isCurrent(item, pathname)))}`}>
        Settings
        <Chevron />
      </button>
      {open && (
        <ul id={panelId} className={`left-0 w-48 ${panelClass}`}>
          <NavLinks items={items} onFollow={close} />
        </ul>
      )}
    </div>
  );
}

/** Desktop: who is signed in, their own pages and sign-out. */
export function AccountMenu({ user, items }: { user: User; items: NavItem[] }) {
  const { open, close, rootRef, buttonProps, panelId } = useDisclosure();
  return (
    <div ref={rootRef} className="relative hidden lg:block">
      <button {...buttonProps} className="inline-flex max-w-[16rem] items-center gap-2 rounded-md px-1.5 py-1 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">
        <span aria-hidden="true" className="grid size-7 shrink-0 place-items-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-800 uppercase dark:bg-indigo-950 dark:text-indigo-200">
          {user.email.charAt(0)}
        </span>
        <span className="sr-only">Account: </span>
        <span className="sr-only truncate xl:not-sr-only">{user.email}</span>
        <Chevron />
      </button>
      {open && (
        <div id={panelId} className={`right-0 w-64 ${panelClass}`}>
          <AccountSection user={user} items={items} onFollow={close} />
        </div>
      )}
    </div>
  );
}

/** Below `lg`: one button opens every page and the account's things, under the 56 px header. */
export function PhoneMenu({ user, nav }: { user: User; nav: ConsoleNav }) {
  const { open, close, rootRef, buttonProps, panelId } = useDisclosure();
  return (
    <div ref={rootRef} className="lg:hidden">
      <button {...buttonProps} className="grid size-9 place-items-center rounded-md text-zinc-700 ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:bg-zinc-800">
        <span className="sr-only">Menu</span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
          {open ? <path d="m5 5 10 10M15 5 5 15" /> : <path d="M3.5 6h13M3.5 10h13M3.5 14h13" />}
        </svg>
      </button>
      {open && (
        // Positioned against the sticky header: full width, scrolling on its own if the screen is short.
        <div id={panelId} className="absolute inset-x-0 top-full max-h-[calc(100dvh-3.5rem)] overflow-y-auto border-b border-zinc-200 bg-white text-sm shadow-lg dark:border-zinc-800 dark:bg-zinc-950">
          <nav aria-label="Main" className="mx-auto max-w-7xl px-4 py-3 sm:px-6">
            <ul className="grid gap-0.5">
              <NavLinks items={nav.main} onFollow={close} />
            </ul>
            {nav.settings.length > 0 && (
              <>
                <p className="mt-3 px-2.5 pb-1 text-xs font-semibold text-zinc-600 dark:text-zinc-400">Settings</p>
                <ul className="grid gap-0.5">
                  <NavLinks items={nav.settings} onFollow={close} />
                </ul>
              </>
            )}
          </nav>
          <div className="mx-auto max-w-7xl border-t border-zinc-200 px-4 py-2 sm:px-6 dark:border-zinc-800">
            <AccountSection user={user} items={nav.account} onFollow={close} />
          </div>
        </div>
      )}
    </div>
  );
}

function AccountSection({ user, items, onFollow }: { user: User; items: NavItem[]; onFollow: () => void }) {
  return (
    <>
      <p className="px-2.5 py-1.5">
        <span className="block truncate font-medium text-zinc-900 dark:text-zinc-100">{user.email}</span>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{user.role}</span>
      </p>
      <ul className="grid gap-0.5">
        <NavLinks items={items} onFollow={onFollow} />
        <li>
          <SignOutButton />
        </li>
      </ul>
    </>
  );
}

export function SignOutButton() {
  const logout = useMutation({ mutationFn: accountsApi.logout, onSettled: () => window.location.assign("/login") });
  return (
    <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending} className={`w-full text-left disabled:opacity-60 ${itemClass(false)}`}>
      {logout.isPending ? "Signing out…" : "Sign out"}
    </button>
  );
}

function Chevron() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0 text-zinc-500" fill="none" stroke="currentColor" strokeWidth="1.6">
      <path d="M5.5 7.5 10 12l4.5-4.5" />
    </svg>
  );
}
