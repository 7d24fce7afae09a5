// A feature's state in words: Entitled, Grace period, or Locked (with a padlock and "Premium").
import type { Entitlement } from "@/lib/api/licenses";
import { Badge } from "@/components/ui/badge";
import { LockIcon } from "./lock-icon";

export function EntitlementBadge({ entitlement }: { entitlement: Entitlement }) {
  if (entitlement === "entitled") return <Badge tone="good" dot>Entitled</Badge>;
  if (entitlement === "grace_period") return <Badge tone="warn" dot>Grace period</Badge>;
  return (
    <Badge tone="neutral">
      <LockIcon className="size-3" />
      Locked · Premium
    </Badge>
  );
}
