import Link from "next/link";

const LINKS = [
  { href: "/admin/api-tokens", label: "API tokens" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/calendar", label: "Calendar feed" },
  { href: "/admin/widget", label: "Booking widget" },
  { href: "/api/docs", label: "API reference" },
];

/** Links between the integration pages (the area nav has room for only the main two). */
export function IntegrationsNav({ current }: { current: string }) {
  return (
    <nav aria-label="Integrations" className="text-sm">
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {LINKS.map((l) => (
          <li key={l.href}>
            {l.href === current ? (
              <span aria-current="page" className="font-semibold">
                {l.label}
              </span>
            ) : (
              <Link href={l.href}>{l.label}</Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
