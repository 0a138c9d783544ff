/**
 * Loading skeletons (each route segment's loading.tsx): the page's shape in
 * grey while its data loads, announced once as "Loading …" (role=status) and
 * marked busy, so nothing jumps when the page arrives.
 */
function Bar({ className = "" }: { className?: string }) {
  return <span aria-hidden className={`block animate-pulse rounded bg-slate-200 motion-reduce:animate-none ${className}`} />;
}

/** `title` completes "Loading …" for screen readers (e.g. "the visit", "API tokens"). */
export function PageSkeleton({ title, kind = "table", rows = 6 }: { title: string; kind?: "table" | "cards" | "detail" | "board"; rows?: number }) {
  return (
    <div className="space-y-4" aria-busy="true" data-testid="loading-skeleton">
      <p role="status" className="sr-only">
        Loading {title}…
      </p>
      <Bar className="h-8 w-48" />
      {kind === "table" ? (
        <div className="card space-y-3">
          <Bar className="h-5 w-1/3" />
          {Array.from({ length: rows }, (_, i) => (
            <Bar key={i} className="h-8 w-full" />
          ))}
        </div>
      ) : kind === "cards" ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: rows }, (_, i) => (
            <div key={i} className="card space-y-3">
              <Bar className="h-4 w-1/2" />
              <Bar className="h-8 w-1/3" />
              <Bar className="h-4 w-3/4" />
            </div>
          ))}
        </div>
      ) : kind === "board" ? (
        <div className="card space-y-3">
          <Bar className="h-5 w-1/4" />
          {Array.from({ length: rows }, (_, i) => (
            <div key={i} className="flex gap-3">
              <Bar className="h-20 w-28 shrink-0" />
              <Bar className="h-20 flex-1" />
            </div>
          ))}
        </div>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {Array.from({ length: Math.max(2, Math.ceil(rows / 2)) }, (_, i) => (
            <div key={i} className="card space-y-3">
              <Bar className="h-5 w-1/3" />
              <Bar className="h-4 w-full" />
              <Bar className="h-4 w-5/6" />
              <Bar className="h-4 w-2/3" />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
