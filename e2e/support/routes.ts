/**
 * The authorization matrix: every page route and what each kind of visitor
 * gets. Later features add their routes here; the matrix test walks them all.
 *   ok        200 and the page
 *   signin    sent to /signin
 *   forbidden 403 page
 *   notfound  404
 * `disabled` is a user who signed in and was then disabled (walked in
 * e2e/authz-matrix.spec.ts): signed out everywhere from the next request.
 */
import { FIELD } from "./field-fixtures";
import { SCAN } from "./scan-fixtures";
import { BILL } from "./billing-fixtures";

export type Expect = "ok" | "signin" | "forbidden" | "notfound";
export type Visitor = "anon" | "admin" | "tech" | "otherTech" | "customerA" | "customerB" | "disabled";

type Row = { path: string } & Record<Visitor, Expect>;

const NIL = "00000000-0000-4000-8000-000000000000";
const all = (e: Expect) => ({ anon: e, admin: e, tech: e, otherTech: e, customerA: e, customerB: e, disabled: e });
const customerOnly: Omit<Row, "path"> = {
  anon: "signin",
  disabled: "signin",
  admin: "forbidden",
  tech: "forbidden",
  otherTech: "forbidden",
  customerA: "ok",
  customerB: "ok",
};
const techOnly: Omit<Row, "path"> = {
  anon: "signin",
  disabled: "signin",
  admin: "forbidden",
  tech: "ok",
  otherTech: "ok",
  customerA: "forbidden",
  customerB: "forbidden",
};
const adminOnly: Omit<Row, "path"> = {
  anon: "signin",
  disabled: "signin",
  admin: "ok",
  tech: "forbidden",
  otherTech: "forbidden",
  customerA: "forbidden",
  customerB: "forbidden",
};

/** Pages deliberately not in the matrix, with why (test/coverage/route-coverage.test.ts checks every page is one or the other). */
export const NOT_IN_MATRIX: Record<string, string> = {
  "/dashboard": "Only redirects: to /signin when signed out, else to the visitor's own area (covered by the sign-in journeys).",
  "/offline/tech-shell":
    "The static offline shell (no data, no session): the service worker serves it for /tech addresses with no network, with its own nonce (e2e/offline.spec.ts); fetched directly it is inert.",
};

export const PAGE_ROUTES: Row[] = [
  { path: "/", ...all("ok") },
  { path: "/signin", ...all("ok") },
  { path: "/signup", ...all("ok") },
  { path: "/setup", ...all("ok") },
  // two-step sign-in: the code page and enrolment; the signed-in see where they stand (people owing the step are walked in auth.setup.ts)
  { path: "/two-factor", ...all("ok"), anon: "signin", disabled: "signin" },
  { path: "/two-factor/setup", ...all("ok"), anon: "signin", disabled: "signin" },
  { path: "/portal", ...customerOnly },
  { path: "/tech", ...techOnly },
  { path: "/admin", ...adminOnly },
  { path: "/admin/users", ...adminOnly },
  // field work: a job page is for its assigned technician only (others: 404, no hint it exists); admins use /admin/visits
  { path: `/tech/visits/${FIELD.journeyVisit}`, ...techOnly, otherTech: "notfound" },
  { path: `/tech/visits/${FIELD.samVisit}`, ...techOnly, tech: "notfound", otherTech: "notfound" },
  { path: "/tech/visits/not-a-visit", ...techOnly, tech: "notfound", otherTech: "notfound" },
  { path: "/tech/attention", ...techOnly },
  { path: `/admin/visits/${FIELD.journeyVisit}`, ...adminOnly },
  { path: "/admin/visits", ...adminOnly },
  { path: "/admin/search?q=FK-", ...adminOnly },
  { path: "/admin/devices", ...adminOnly },
  { path: "/admin/devices?needs=backup&q=%25&cursor=bad", ...adminOnly },
  { path: "/admin/vendor-cases?due=overdue", ...adminOnly },
  { path: "/admin/outbox?status=failed", ...adminOnly },
  { path: "/admin/search?q=%25%00", ...adminOnly }, // wildcards and a NUL: taken literally, nothing found
  { path: "/admin/visits?status=lost&from=2026-02-30&cursor=not-a-cursor", ...adminOnly }, // bad filters: a message on each field, not an error page
  { path: "/admin/vendor-cases", ...adminOnly },
  { path: "/admin/customers", ...adminOnly },
  { path: "/admin/customers?q=a%25&cursor=not-a-cursor", ...adminOnly }, // a stale or edited page link: the first page, not an error
  { path: "/admin/backups", ...adminOnly },
  { path: "/portal/backups", ...customerOnly },
  { path: "/admin/dispatch", ...adminOnly },
  { path: "/admin/dispatch?view=week", ...adminOnly },
  { path: "/admin/technicians", ...adminOnly },
  { path: "/admin/technicians/00000000-0000-4000-8000-000000000000", ...adminOnly, admin: "notfound" },
  { path: "/admin/settings", ...adminOnly },
  { path: "/forgot-password", ...all("ok") },
  { path: "/reset-password?token=not-a-real-token-but-long-enough", ...all("ok") },
  // booking
  { path: "/book", ...all("ok") },
  { path: "/portal/devices", ...customerOnly },
  { path: "/portal/sites", ...customerOnly },
  { path: "/admin/book", ...adminOnly },
  { path: "/admin/outbox", ...adminOnly },
  { path: "/admin/api-tokens", ...adminOnly },
  { path: "/admin/webhooks", ...adminOnly },
  { path: "/admin/calendar", ...adminOnly },
  { path: "/admin/widget", ...adminOnly },
  { path: "/tech/calendar", ...techOnly },
  { path: "/widget", ...all("ok") },
  { path: "/admin/reports", ...adminOnly },
  // detail pages for ids that do not exist: the right role gets 404, other roles the 403 page
  { path: `/admin/customers/${NIL}`, ...adminOnly, admin: "notfound" },
  { path: `/admin/devices/${NIL}`, ...adminOnly, admin: "notfound" },
  { path: `/admin/backups/${NIL}`, ...adminOnly, admin: "notfound" },
  { path: `/admin/outbox/${NIL}`, ...adminOnly, admin: "notfound" },
  { path: `/portal/visits/${NIL}`, ...customerOnly, customerA: "notfound", customerB: "notfound" },
  { path: `/tech/devices/${NIL}`, ...techOnly, tech: "notfound", otherTech: "notfound" },
  { path: "/admin/reports?brand=dahua&from=2025-01-01", ...adminOnly },
  // detail pages of real records (e2e/seeders/80-scan.ts, 30-field.ts), so the page scans (e2e/a11y.spec.ts) see each one with data
  { path: `/admin/customers/${SCAN.customer}`, ...adminOnly },
  { path: `/admin/devices/${SCAN.device}`, ...adminOnly },
  { path: `/admin/backups/${SCAN.backup}`, ...adminOnly },
  { path: `/admin/outbox/${SCAN.mail}`, ...adminOnly },
  { path: `/admin/technicians/${SCAN.technician}`, ...adminOnly },
  { path: `/admin/visits/${SCAN.visit}`, ...adminOnly },
  { path: `/admin/invoices/${SCAN.invoice}`, ...adminOnly },
  { path: `/admin/visits/${SCAN.waitingVisit}`, ...adminOnly },
  { path: `/portal/visits/${FIELD.journeyVisit}`, ...customerOnly, customerB: "notfound" },
  { path: `/tech/visits/${SCAN.visit}`, ...techOnly, otherTech: "notfound" },
  // A technician sees a device only while a visit with it is active, or for the grace after completing it (finding 6):
  // the Lorex of the visit still waiting on the vendor, yes; the NVR of the visit completed three weeks ago, no longer.
  { path: `/tech/devices/${SCAN.device2}?visit=${SCAN.waitingVisit}`, ...techOnly, otherTech: "notfound" },
  { path: `/tech/devices/${SCAN.device}?visit=${SCAN.visit}`, ...techOnly, tech: "notfound", otherTech: "notfound" },
  // billing
  { path: "/admin/invoices", ...adminOnly },
  { path: "/admin/invoices?status=paid&cursor=not-a-cursor", ...adminOnly },
  { path: `/admin/invoices/${NIL}`, ...adminOnly, admin: "notfound" },
  { path: `/admin/estimates/${BILL.estimate}`, ...adminOnly },
  { path: `/admin/estimates/${NIL}`, ...adminOnly, admin: "notfound" },
  { path: "/admin/prices", ...adminOnly },
  { path: "/admin/receivables", ...adminOnly },
  { path: "/admin/receivables?status=late&bucket=101%2B&q=%25", ...adminOnly }, // bad filters: the default view with the messages
  { path: "/admin/reports/revenue", ...adminOnly },
  { path: "/admin/reports/revenue?from=2026-13&to=x", ...adminOnly },
  { path: "/portal/billing", ...customerOnly },
  // Carla's estimate: hers; Bea (customer B) gets 404, no hint it exists
  { path: `/portal/estimates/${BILL.estimate}`, ...customerOnly, customerB: "notfound" },
  { path: `/portal/estimates/${NIL}`, ...customerOnly, customerA: "notfound", customerB: "notfound" },
];
