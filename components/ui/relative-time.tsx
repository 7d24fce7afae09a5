import { formatRelative, formatTimestamp } from "@/lib/format";

/** "12 s ago", with the exact UTC time on hover and in the markup. */
export function RelativeTime({ iso, now, prefix = "" }: { iso: string; now: number; prefix?: string }) {
  return (
    <time dateTime={iso} title={formatTimestamp(iso)}>
      {prefix}
      {formatRelative(iso, now)}
    </time>
  );
}
