/** The navigation of this area; add an entry when you add a page. */
export const PORTAL_NAV = [
  { href: "/portal", label: "My visits" },
  { href: "/portal/billing", label: "Invoices" },
  { href: "/portal/backups", label: "Backups" },
  { href: "/book", label: "Book a visit" },
  { href: "/portal/devices", label: "My devices" },
  { href: "/portal/sites", label: "My addresses" },
];
