import Link from "next/link";

/**
 * Previous / Next links for a keyset-paginated list: each page's cursor goes
 * in the URL (`?cursor=`), beside the list's other parameters (a search, a
 * filter), so a page can be bookmarked and the browser's Back works.
 */
export function Pager({
  path,
  params = {},
  prevCursor,
  nextCursor,
  label,
  cursorParam = "cursor",
}: {
  path: string;
  params?: Record<string, string | undefined>;
  prevCursor: string | null;
  nextCursor: string | null;
  label: string;
  /** The parameter that carries this list's cursor (a page with two lists gives each its own). */
  cursorParam?: string;
}) {
  if (!prevCursor && !nextCursor) return null;
  const href = (cursor: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    q.set(cursorParam, cursor);
    return `${path}?${q}`;
  };
  return (
    <nav aria-label={label} className="flex flex-wrap justify-between gap-2">
      {prevCursor ? (
        <Link href={href(prevCursor)} className="btn-secondary" rel="prev">
          ← Previous page
        </Link>
      ) : (
        <span />
      )}
      {nextCursor ? (
        <Link href={href(nextCursor)} className="btn-secondary" rel="next">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}

/** Said above a list whose page link no longer reads (readPageOrFirst in lib/platform/pagination.ts): the list starts again from its first page. */
export function StalePageNote() {
  return (
    <p role="status" className="text-slate-700">
      That page link is out of date, so the list starts from the beginning.
    </p>
  );
}
