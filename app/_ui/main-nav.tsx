"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentHref } from "./nav-current";

export type NavItem = { href: string; label: string };

/**
 * The customer's and technician's navigation: every item visible at 390 px (the items wrap onto
 * a second line rather than scroll off the edge), the current page marked for screen readers
 * (aria-current="page") and by eye.
 */
export function MainNav({ items }: { items: NavItem[] }) {
  const current = currentHref(
    items.map((n) => n.href),
    usePathname(),
  );
  return (
    <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
      <ul className="flex flex-wrap gap-1">
        {items.map((n) => (
          <li key={n.href}>
            <Link
              href={n.href}
              aria-current={n.href === current ? "page" : undefined}
              className="flex min-h-11 items-center whitespace-nowrap rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:no-underline aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold aria-[current=page]:text-brand-800 aria-[current=page]:underline aria-[current=page]:decoration-2 aria-[current=page]:underline-offset-4"
            >
              {n.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
