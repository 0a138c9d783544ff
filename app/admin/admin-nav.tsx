"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem } from "@/app/_ui/site-header";

/** The admin area's navigation: a sidebar on wide screens, a scrollable strip on phones. */
export function AdminNav({ items }: { items: NavItem[] }) {
  const path = usePathname();
  const matches = (href: string) => (href === "/admin" ? path === "/admin" : path === href || path.startsWith(href + "/"));
  // The most specific entry wins (/admin/reports/revenue, not also /admin/reports).
  const best = items.filter((n) => matches(n.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const current = (href: string) => href === best;
  return (
    <nav aria-label="Admin" className="border-b border-slate-200 bg-white lg:w-56 lg:shrink-0 lg:border-b-0 lg:bg-transparent">
      <ul className="flex gap-1 overflow-x-auto px-2 py-2 lg:sticky lg:top-4 lg:flex-col lg:overflow-visible lg:px-0">
        {items.map((n) => (
          <li key={n.href}>
            <Link
              href={n.href}
              aria-current={current(n.href) ? "page" : undefined}
              className="block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-slate-700 no-underline hover:bg-slate-100 hover:no-underline aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800"
            >
              {n.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
