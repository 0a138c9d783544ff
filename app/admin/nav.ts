/** The navigation of this area; add an entry when you add a page. */
export const ADMIN_NAV = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/visits", label: "Visits" },
  { href: "/admin/users", label: "People" },
  { href: "/admin/vendor-cases", label: "Vendor cases" },
  { href: "/admin/customers", label: "Customers" },
  { href: "/admin/devices", label: "Devices" },
  { href: "/admin/backups", label: "Backups" },
  { href: "/admin/dispatch", label: "Dispatch" },
  { href: "/admin/technicians", label: "Technicians" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/book", label: "Book for a customer" },
  { href: "/admin/outbox", label: "Outbox" },
  { href: "/admin/api-tokens", label: "API tokens" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/admin/reports", label: "Reports" },
];
