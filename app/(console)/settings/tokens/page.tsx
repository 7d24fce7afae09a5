import { renderTime } from "@/lib/format";
import { TokensView } from "@/components/tokens/tokens-view";

export const dynamic = "force-dynamic";

export default function TokensPage() {
  return <TokensView renderedAt={renderTime()} />;
}
