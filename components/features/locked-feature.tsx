// Shown in place of a premium page the license does not unlock: what the feature is, what it
// would unlock, and where an admin uploads a license. Never hidden, never a bare 403.
import Link from "next/link";
import { FEATURES, type FeatureName } from "@/lib/api/licenses";
import { LockIcon } from "./lock-icon";

export function LockedFeature({ feature }: { feature: FeatureName }) {
  const { name, unlocks } = FEATURES[feature];
  return (
    <section aria-labelledby="locked-feature-title" className="max-w-2xl rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex items-center gap-2 text-zinc-700 dark:text-zinc-300">
        <LockIcon className="size-5" />
        <span className="text-xs font-semibold tracking-wide uppercase">Premium</span>
      </div>
      <h2 id="locked-feature-title" className="mt-3 text-lg font-semibold text-zinc-900 dark:text-zinc-50">
        {name} is a Premium feature
      </h2>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">{unlocks}</p>
      <p className="mt-4 text-sm text-zinc-700 dark:text-zinc-300">
        Upload a license that includes {name} on the{" "}
        <Link href="/licenses" prefetch={false} className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-600 dark:text-indigo-300">
          Licenses
        </Link>{" "}
        page, or see every feature and its state on the{" "}
        <Link href="/features" className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-600 dark:text-indigo-300">
          Features
        </Link>{" "}
        page.
      </p>
    </section>
  );
}
