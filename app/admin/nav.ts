/** The navigation of this area; add an entry when you add a page. */
export const ADMIN_NAV = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/users", label: "People" },
  { href: "/admin/reports", label: "Reports" },
];
