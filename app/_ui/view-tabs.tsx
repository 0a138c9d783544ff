import Link from "next/link";

export type ViewTab = { key: string; label: string; href: string; count?: number; testId?: string };

/**
 * A list's views (or status filters) as links shaped like pills, 44 px tall, each with an
 * optional count; the one showing is marked aria-current="page". The site's own navigation is
 * MainNav (app/_ui/main-nav.tsx).
 */
export function ViewTabs({ label, tabs, current }: { label: string; tabs: ViewTab[]; current: string | undefined }) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-2">
        {tabs.map((t) => (
          <li key={t.key}>
            <Link
              href={t.href}
              aria-current={t.key === current ? "page" : undefined}
              data-testid={t.testId}
              className="inline-flex min-h-11 items-center gap-2 rounded-full border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 no-underline hover:bg-slate-100 hover:no-underline aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800"
            >
              {t.label}
              {t.count === undefined ? null : " "}
              {t.count === undefined ? null : <span className="rounded-full bg-slate-100 px-2 text-xs">{t.count}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
