// The detail page's existence check, here rather than in the page: a layout runs before the
// page's loading skeleton streams, so an id that names nothing answers with a real 404.
import { notFound } from "next/navigation";
import { proxyParamsSchema } from "@/lib/api/params";
import { existsOrNotFound } from "@/server/http/page-prefetch";
import { findProxy } from "@/server/topology/history";

export default async function DetailLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!proxyParamsSchema.safeParse({ id }).success) notFound();
  await existsOrNotFound(findProxy(id));
  return children;
}
