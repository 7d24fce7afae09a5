"use client";
// Shown to admins on every console page while the health report has an error in a section nobody
// dismissed: the codes and a link to the Health page. The layout renders it for admins only, so
// members never ask for the report.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { bannerCodes } from "@/lib/api/health";
import { healthReportQuery } from "@/lib/query/health";
import { SeverityIcon } from "./severity";

export function HealthBanner() {
  // A failed read shows nothing here: the Health page itself says why.
  const { data } = useQuery({ ...healthReportQuery(), retry: false });
  const codes = data ? bannerCodes(data) : [];
  if (codes.length === 0) return null;
  return (
    <section aria-labelledby="health-banner-title" className="mb-6 flex gap-3 rounded-xl border border-red-300 bg-red-50 p-4 text-sm dark:border-red-900/70 dark:bg-red-950/40">
      <SeverityIcon severity="error" className="mt-0.5 size-5" />
      <div className="space-y-1 text-red-950 dark:text-red-100">
        <p id="health-banner-title" className="font-semibold">
          Deployment health: {codes.length === 1 ? "a problem needs" : `${codes.length} problems need`} attention
        </p>
        <p>
          Found:{" "}
          {codes.map((code, i) => (
            <span key={code}>
              {i > 0 && ", "}
              <code className="font-mono font-semibold">{code}</code>
            </span>
          ))}
          .{" "}
          <Link href="/health" prefetch={false} className="font-medium underline underline-offset-2">
            See the health report
          </Link>
        </p>
      </div>
    </section>
  );
}
