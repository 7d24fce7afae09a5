// What the console header links to, by role. Admin pages appear only for admins (the pages check
// too). Grouped so the header stays one row: the pages used daily, the settings-like ones behind
// "Settings", and the signed-in person's own things behind their account button.
import type { Role } from "@/lib/api/users";

export interface NavItem {
  href: string;
  label: string;
}

export interface ConsoleNav {
  main: NavItem[];
  settings: NavItem[];
  account: NavItem[];
}

export function consoleNav(role: Role): ConsoleNav {
  const admin = role !== "member";
  return {
    main: admin
      ? [
          { href: "/", label: "Overview" },
          { href: "/regions", label: "Regions" },
          { href: "/proxies", label: "Proxies" },
          { href: "/health", label: "Health" },
          { href: "/users", label: "Users" },
          { href: "/audit", label: "Audit log" },
        ]
      : [{ href: "/regions", label: "Regions" }],
    settings: admin
      ? [
          { href: "/licenses", label: "Licenses" },
          { href: "/features", label: "Features" },
          { href: "/settings/embed", label: "Embedding" },
        ]
      : [],
    account: [
      { href: "/settings/tokens", label: "API tokens" },
      { href: "/api-reference", label: "API reference" },
    ],
  };
}

/** Whether `item` is the page at `pathname` (or a page under it); the overview only at "/". */
export function isCurrent(item: NavItem, pathname: string | null): boolean {
  if (!pathname) return false;
  return item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`);
}
