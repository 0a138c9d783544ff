/**
 * The HTTP half of the authorization matrix: every route handler
 * (`app/**\/route.ts`, each exported method) and every /api/v1 operation of
 * the OpenAPI document × every kind of caller. e2e/api-matrix.spec.ts fails
 * when a handler or operation has no row, or a row has no handler.
 *
 * Callers: /api/v1 gets bearer tokens (e2e/seeders/70-matrix.ts, every scope,
 * so the user's role and scoping decide): none, customer A (Carla), customer B
 * (Bea), the assigned technician (Terry), another technician (Mo), an admin,
 * the token of a user disabled after it was issued (Della), a revoked token. The other routes get session
 * cookies (customer B: Ben, other technician: Olive, disabled: Della) and, as
 * "revoked", a revoked token in place of a session.
 *
 * A cell is the expected HTTP status. Besides the status, every 200 answer is
 * searched for the ids of records that caller must not see (0 leaks).
 *
 * Four callers from the hardening issue (#16) follow a rule unless a row names them:
 *  - signedOut: a copy of a session cookie whose session was signed out, and
 *  - expired: a cookie whose session began past its lifetime: both as `disabled`
 *    (a cookie that no longer counts);
 *  - pastTech: Pat, a technician whose visits with customer A's device ended
 *    (cancelled; completed past the grace): as `otherTech` (no access to A's
 *    device), except where otherTech sees B's records (those rows say 404);
 *  - writeOnly: an admin's token with only `visits:write`: 403 on every token
 *    operation (no read scope; a write whose answer is a record needs its read
 *    scope too), the public operations' answer otherwise; on session routes a
 *    bearer token is no session, as `revoked`.
 */
import { BILL } from "./billing-fixtures";

export const CALLERS = [
  "none",
  "customerA",
  "customerB",
  "tech",
  "otherTech",
  "admin",
  "disabled",
  "revoked",
  "signedOut",
  "expired",
  "pastTech",
  "writeOnly",
] as const;
export type Caller = (typeof CALLERS)[number];
type RuleCaller = "signedOut" | "expired" | "pastTech" | "writeOnly";
export type Cells = Record<Exclude<Caller, RuleCaller>, number> & Partial<Record<RuleCaller, number>>;

/** The expected status of a probe for a caller: its cell, or the rule above. */
export function expectedStatus(probe: Probe, caller: Caller, api: boolean): number {
  const e = probe.expect;
  const cell = e[caller];
  if (cell !== undefined) return cell;
  switch (caller) {
    case "signedOut":
    case "expired":
      return e.disabled;
    case "pastTech":
      return e.otherTech;
    case "writeOnly":
      return !api ? e.revoked : e.none === 401 ? 403 : e.none;
    default:
      throw new Error(`no cell for ${caller}`);
  }
}

export type Ids = {
  A: { customerId: string; siteId: string; deviceId: string; visitId: string };
  B: { customerId: string; siteId: string; deviceId: string; visitId: string };
};

export type Probe = {
  method: string;
  url: (ids: Ids) => string;
  body?: unknown;
  headers?: Record<string, string>;
  expect: Cells;
  /** For a redirect cell: where it must point. */
  location?: RegExp;
  note?: string;
};

const NIL = "00000000-0000-4000-8000-000000000000";
const slot = () => new Date(Date.now() + 63 * 24 * 3600_000).toISOString();

const cells = (authed: number, over: Partial<Cells> = {}): Cells => ({
  none: 401,
  disabled: 401,
  revoked: 401,
  customerA: authed,
  customerB: authed,
  tech: authed,
  otherTech: authed,
  admin: authed,
  ...over,
});
const everyone = (s: number): Cells => ({ none: s, disabled: s, revoked: s, customerA: s, customerB: s, tech: s, otherTech: s, admin: s });
const adminOnly = (adminStatus = 200) => cells(403, { admin: adminStatus });
/** Session routes under /portal, /tech, /admin: proxy.ts sends a caller without a session cookie to /signin (302/307). */
const SIGNIN = 307;

/** Key: "METHOD /path" with the route file's dynamic segments as {name}. */
export const ROUTE_MATRIX: Record<string, Probe[]> = {
  // ----- /api/v1 (tokens) -----
  "GET /api/v1/openapi.json": [{ method: "GET", url: () => "/api/v1/openapi.json", expect: everyone(200) }],
  "GET /api/v1/slots": [{ method: "GET", url: () => "/api/v1/slots?brands=dahua&devices=1", expect: everyone(200), note: "public" }],
  "POST /api/v1/bookings": [
    { method: "POST", url: () => "/api/v1/bookings", body: {}, expect: everyone(422), note: "public; an empty body is refused for everyone" },
  ],
  // A customer's token lists only their own customer record (the leak check below holds it to that).
  "GET /api/v1/customers": [{ method: "GET", url: () => "/api/v1/customers", expect: cells(200, { tech: 403, otherTech: 403 }) }],
  "GET /api/v1/customers/{id}": [
    { method: "GET", url: (i) => `/api/v1/customers/${i.A.customerId}`, expect: cells(403, { customerA: 200, customerB: 404, admin: 200 }) },
    { method: "GET", url: (i) => `/api/v1/customers/${i.B.customerId}`, expect: cells(403, { customerA: 404, customerB: 200, admin: 200 }) },
  ],
  "GET /api/v1/customers/{id}/sites": [
    { method: "GET", url: (i) => `/api/v1/customers/${i.A.customerId}/sites`, expect: cells(403, { customerA: 200, customerB: 404, admin: 200 }) },
  ],
  "GET /api/v1/devices": [{ method: "GET", url: () => "/api/v1/devices", expect: cells(200) }],
  "GET /api/v1/devices/{id}": [
    { method: "GET", url: (i) => `/api/v1/devices/${i.A.deviceId}`, expect: cells(404, { customerA: 200, tech: 200, admin: 200 }) },
    { method: "GET", url: (i) => `/api/v1/devices/${i.B.deviceId}`, expect: cells(404, { customerB: 200, otherTech: 200, admin: 200, pastTech: 404 }) },
  ],
  "GET /api/v1/devices/{id}/backups": [
    { method: "GET", url: (i) => `/api/v1/devices/${i.A.deviceId}/backups`, expect: cells(404, { customerA: 200, tech: 200, admin: 200 }) },
  ],
  "GET /api/v1/backups/{id}/download": [{ method: "GET", url: () => `/api/v1/backups/${NIL}/download`, expect: cells(404) }],
  "GET /api/v1/visits": [{ method: "GET", url: () => "/api/v1/visits", expect: cells(200) }],
  "POST /api/v1/visits": [
    {
      method: "POST",
      url: () => "/api/v1/visits",
      body: {},
      headers: { "Idempotency-Key": "matrix-0000-0001" },
      expect: cells(422),
      note: "body checked before the role: 422 proves only the token",
    },
  ],
  "GET /api/v1/visits/{id}": [
    { method: "GET", url: (i) => `/api/v1/visits/${i.A.visitId}`, expect: cells(404, { customerA: 200, tech: 200, admin: 200 }) },
    { method: "GET", url: (i) => `/api/v1/visits/${i.B.visitId}`, expect: cells(404, { customerB: 200, otherTech: 200, admin: 200, pastTech: 404 }) },
  ],
  "POST /api/v1/visits/{id}/reschedule": [
    {
      method: "POST",
      url: () => `/api/v1/visits/${NIL}/reschedule`,
      body: { slotStart: slot() },
      expect: cells(403, { customerA: 404, customerB: 404, admin: 404 }),
    },
  ],
  "POST /api/v1/visits/{id}/cancel": [
    {
      method: "POST",
      url: () => `/api/v1/visits/${NIL}/cancel`,
      body: { reason: "matrix" },
      expect: cells(403, { customerA: 404, customerB: 404, admin: 404 }),
    },
  ],
  "POST /api/v1/visits/{id}/assign": [
    { method: "POST", url: () => `/api/v1/visits/${NIL}/assign`, body: { technicianId: NIL, date: "2030-01-07", time: "10:00" }, expect: adminOnly(404) },
  ],
  "GET /api/v1/visits/{id}/attempts": [
    { method: "GET", url: (i) => `/api/v1/visits/${i.A.visitId}/attempts`, expect: cells(404, { tech: 200, admin: 200, customerA: 403, customerB: 403 }) },
  ],
  "POST /api/v1/visits/{id}/attempts": [{ method: "POST", url: (i) => `/api/v1/visits/${i.A.visitId}/attempts`, body: {}, expect: cells(422) }],
  // Scoped like visits: a customer's own, a technician's assigned, an admin's all.
  "GET /api/v1/vendor-cases": [{ method: "GET", url: () => "/api/v1/vendor-cases", expect: cells(200) }],
  "GET /api/v1/reports/success-rates": [{ method: "GET", url: () => "/api/v1/reports/success-rates", expect: adminOnly() }],
  // Billing reads: scoped like visits (a customer's own, a technician's assigned visits, an admin's all).
  "GET /api/v1/invoices": [{ method: "GET", url: () => "/api/v1/invoices", expect: cells(200) }],
  "GET /api/v1/invoices/{id}": [{ method: "GET", url: () => `/api/v1/invoices/${NIL}`, expect: cells(404) }],
  "GET /api/v1/estimates": [{ method: "GET", url: () => "/api/v1/estimates", expect: cells(200) }],
  "GET /api/v1/estimates/{id}": [{ method: "GET", url: () => `/api/v1/estimates/${NIL}`, expect: cells(404) }],
  "GET /api/v1/payments": [{ method: "GET", url: () => "/api/v1/payments", expect: cells(200) }],
  "POST /api/v1/quotes": [
    { method: "POST", url: () => "/api/v1/quotes", body: {}, expect: everyone(422), note: "public; an empty body is refused for everyone" },
  ],

  // ----- other route handlers (session cookies) -----
  "GET /api/health": [{ method: "GET", url: () => "/api/health", expect: everyone(200) }],
  "GET /api/docs": [{ method: "GET", url: () => "/api/docs", expect: everyone(200) }],
  "GET /api/auth/{...nextauth}": [{ method: "GET", url: () => "/api/auth/providers", expect: everyone(200), note: "next-auth's own endpoints" }],
  "POST /api/auth/{...nextauth}": [
    {
      method: "POST",
      url: () => "/api/auth/signout",
      body: {},
      expect: everyone(302),
      location: /error=MissingCSRF/,
      note: "no CSRF token: next-auth refuses and redirects to its error page (checked below)",
    },
  ],
  "POST /api/backups": [
    // Same origin, an unknown device: the gate is passed only by staff, who then find no such device.
    {
      method: "POST",
      url: () => `/api/backups?deviceId=${NIL}&kind=config`,
      body: "x",
      headers: { "X-Filename": "cfg.bin" },
      expect: cells(403, { tech: 404, otherTech: 404, admin: 404 }),
    },
  ],
  // The technician's phone (session): its day and jobs for the offline store, and its queued writes.
  "GET /api/field/day": [{ method: "GET", url: () => "/api/field/day", expect: cells(403, { tech: 200, otherTech: 200 }) }],
  "GET /api/field/jobs/{id}": [
    { method: "GET", url: (i) => `/api/field/jobs/${i.A.visitId}`, expect: cells(403, { tech: 200, otherTech: 404, admin: 200 }) },
    { method: "GET", url: () => `/api/field/jobs/${NIL}`, expect: cells(403, { tech: 404, otherTech: 404, admin: 404 }) },
  ],
  "POST /api/field/writes": [
    {
      method: "POST",
      url: () => "/api/field/writes",
      body: {},
      expect: cells(403, { tech: 422, otherTech: 422, admin: 422 }),
      note: "an empty write: refused after the gate",
    },
  ],
  "GET /api/backups/{id}/download": [{ method: "GET", url: () => `/api/backups/${NIL}/download`, expect: everyone(404) }],
  "POST /api/photos": [
    // Same origin: staff pass the gate; a device not on the visit is refused on its field (A's visit, B's device); customers may not add photos.
    {
      method: "POST",
      url: (i) => `/api/photos?deviceId=${i.B.deviceId}&visitId=${i.A.visitId}&kind=label`,
      body: "x",
      expect: cells(403, { tech: 422, otherTech: 422, admin: 422 }),
      note: "the body is not a picture: refused before any device is looked at, for everyone allowed to add photos",
    },
    {
      method: "POST",
      url: (i) => `/api/photos?deviceId=${i.B.deviceId}&visitId=${i.A.visitId}&kind=label`,
      body: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64"),
      headers: { "Content-Type": "image/png" },
      expect: cells(403, { tech: 404, otherTech: 404, admin: 422 }),
      note: "a real picture: Terry cannot see B's device, Mo cannot see A's visit (404); for the office the device is simply not on that visit (422)",
    },
  ],
  "GET /api/photos/{id}": [{ method: "GET", url: () => `/api/photos/${NIL}`, expect: everyone(404) }],
  "GET /api/photos/{id}/thumb": [{ method: "GET", url: () => `/api/photos/${NIL}/thumb`, expect: everyone(404) }],
  "GET /api/calendar/{token}": [{ method: "GET", url: () => "/api/calendar/not-a-real-feed-token", expect: everyone(404) }],
  "GET /portal/visits/{id}/calendar": [
    {
      method: "GET",
      url: (i) => `/portal/visits/${i.A.visitId}/calendar`,
      expect: cells(404, { none: SIGNIN, revoked: SIGNIN, customerA: 200, tech: 403, otherTech: 403, admin: 403 }),
    },
  ],
  "GET /admin/outbox/{id}/attachments/{index}": [
    { method: "GET", url: () => `/admin/outbox/${NIL}/attachments/0`, expect: cells(403, { none: SIGNIN, revoked: SIGNIN, admin: 404 }) },
  ],
  "GET /admin/reports/export": [
    { method: "GET", url: () => "/admin/reports/export?table=brand-method", expect: cells(403, { none: SIGNIN, revoked: SIGNIN, admin: 200 }) },
  ],
  "GET /widget": [{ method: "GET", url: () => "/widget", expect: everyone(200) }],
  "GET /icons/{file}": [{ method: "GET", url: () => "/icons/icon-192.png", expect: everyone(200), note: "the web app manifest's icons (static)" }],
  // PDFs: the owner customer and admins; everyone else (and an unknown id) 404, no hint it exists.
  "GET /api/billing/{kind}/{id}/pdf": [
    { method: "GET", url: () => `/api/billing/invoices/${NIL}/pdf`, expect: everyone(404) },
    {
      method: "GET",
      url: () => `/api/billing/estimates/${BILL.estimate}/pdf`,
      expect: { ...everyone(404), customerA: 200, admin: 200 },
      note: "Carla's estimate (customer A)",
    },
  ],
  "POST /admin/settings/logo": [
    // Same origin, not an image: staff without settings:manage are refused first; the admin then learns it is no PNG/JPEG.
    { method: "POST", url: () => "/admin/settings/logo", body: "x", expect: cells(403, { none: SIGNIN, revoked: SIGNIN, admin: 422 }) },
  ],
  "GET /admin/receivables/export": [
    { method: "GET", url: () => "/admin/receivables/export?status=open", expect: cells(403, { none: SIGNIN, revoked: SIGNIN, admin: 200 }) },
  ],
};

/** Ids each caller must never find in a 200 answer. */
export function foreignIds(caller: Caller, ids: Ids, session: boolean): string[] {
  const a = [ids.A.customerId, ids.A.visitId, ids.A.deviceId, ids.A.siteId];
  const b = [ids.B.customerId, ids.B.visitId, ids.B.deviceId, ids.B.siteId];
  switch (caller) {
    case "admin":
      return [];
    case "customerA":
      return b;
    case "customerB":
      return session ? [...a, ...b] : a; // on the web, customer B is Ben: neither record is his
    case "tech":
      return [ids.B.visitId, ids.B.deviceId];
    case "otherTech":
      return session ? [ids.A.visitId, ids.A.deviceId, ids.B.visitId, ids.B.deviceId] : [ids.A.visitId, ids.A.deviceId];
    case "pastTech":
      // Pat's own ended visits name customer A's device (his records); A's live visit and everything of B's are not his.
      return [ids.A.visitId, ids.B.visitId, ids.B.deviceId];
    default:
      return [...a, ...b];
  }
}
