/**
 * The authorization matrix: every page route and what each kind of visitor
 * gets. Later features add their routes here; the matrix test walks them all.
 *   ok        200 and the page
 *   signin    sent to /signin
 *   forbidden 403 page
 *   notfound  404
 */
export type Expect = "ok" | "signin" | "forbidden" | "notfound";
export type Visitor = "anon" | "admin" | "tech" | "otherTech" | "customerA" | "customerB";

type Row = { path: string } & Record<Visitor, Expect>;

const all = (e: Expect) => ({ anon: e, admin: e, tech: e, otherTech: e, customerA: e, customerB: e });
const customerOnly: Omit<Row, "path"> = { anon: "signin", admin: "forbidden", tech: "forbidden", otherTech: "forbidden", customerA: "ok", customerB: "ok" };
const techOnly: Omit<Row, "path"> = { anon: "signin", admin: "forbidden", tech: "ok", otherTech: "ok", customerA: "forbidden", customerB: "forbidden" };
const adminOnly: Omit<Row, "path"> = { anon: "signin", admin: "ok", tech: "forbidden", otherTech: "forbidden", customerA: "forbidden", customerB: "forbidden" };

export const PAGE_ROUTES: Row[] = [
  { path: "/", ...all("ok") },
  { path: "/signin", ...all("ok") },
  { path: "/signup", ...all("ok") },
  { path: "/setup", ...all("ok") },
  { path: "/portal", ...customerOnly },
  { path: "/tech", ...techOnly },
  { path: "/admin", ...adminOnly },
  { path: "/admin/users", ...adminOnly },
  { path: "/admin/reports", ...adminOnly },
  { path: "/admin/reports?brand=dahua&from=2025-01-01", ...adminOnly },
];
