// Previous / "Page N of M" / Next, for any paged list (the audit log, the proxies page).
import { Button } from "./button";

export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  return (
    <div className="flex items-center gap-2">
      <Button onClick={() => onPage(page - 1)} disabled={page <= 1}>
        Previous page
      </Button>
      <span>
        Page {page} of {pages}
      </span>
      <Button onClick={() => onPage(page + 1)} disabled={page >= pages}>
        Next page
      </Button>
    </div>
  );
}
