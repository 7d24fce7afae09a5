import { TableSkeleton } from "@/components/ui/states";

export default function Loading() {
  return <TableSkeleton label="Loading licenses" />;
}
