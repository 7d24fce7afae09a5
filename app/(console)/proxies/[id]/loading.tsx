import { ChartsSkeleton } from "@/components/history/chart-figure";

/** A detail page before its data: the charts' shapes, so nothing jumps when they arrive. */
export default function Loading() {
  return <ChartsSkeleton label="Loading history" />;
}
