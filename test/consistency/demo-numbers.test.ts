/**
 * Numbers shown in two places agree, on the demo company (`npm run demo`)
 * rather than on hand-made fixtures: the customer list's counts and each
 * customer's page, every number of the overview and the list it opens, each
 * webhook endpoint's counters and its deliveries. Each list is walked page by
 * page (its keyset cursors included), so a count that drifts from what the
 * list really shows fails here. Issue #15 found two such numbers that were
 * always 0; this is the check that would have caught them.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, queryRows } from "@/db/client";
import { users, webhookDeliveries } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { loadDemo } from "@/lib/cli/demo";
import { getCustomerDetail, listCustomers } from "@/lib/customers/read";
import { deviceListFilterFromParams, listDevicePage } from "@/lib/devices/read";
import { getOverview, type Counted } from "@/lib/dispatch/overview";
import { listOutbox, outboxFilterFromParams } from "@/lib/mail/outbox-read";
import { getReportData } from "@/lib/reports/data";
import { parseReportFilters } from "@/lib/reports/filters";
import { getSettings } from "@/lib/settings/company";
import { listVendorCases, VENDOR_CASE_VIEWS, vendorCaseView } from "@/lib/vendor-cases/read";
import { parseVisitListParams, visitListFilter } from "@/lib/visits/list-params";
import { countVisits, listVisitPage } from "@/lib/visits/read";
import { emitEvent } from "@/lib/webhooks/emit";
import { reportFromEverySource } from "@/test/support/reports";
import { countWebhookDeliveries, createWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints } from "@/lib/webhooks/endpoints";

let admin: Actor;

/** Every row of a keyset-paged list, following nextCursor to the end. */
async function walk<T>(page: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const p = await page(cursor);
    rows.push(...p.data);
    if (!p.nextCursor) return rows;
    cursor = p.nextCursor;
  }
  throw new Error("the list did not end");
}

/** What the page an overview link opens lists: parsed from the link as the page parses it. */
async function rowsBehind(href: string): Promise<number> {
  const url = new URL(href, "http://x");
  const sp = Object.fromEntries(url.searchParams);
  const s = await getSettings();
  switch (url.pathname) {
    case "/admin/visits": {
      const p = parseVisitListParams(sp);
      if (!p.ok) throw new Error(`${href}: ${JSON.stringify(p.fieldErrors)}`);
      const filter = visitListFilter(p.params, s.timeZone);
      return (await walk((cursor) => listVisitPage(admin, filter, { limit: 7, cursor }, p.params.order ?? "asc"))).length;
    }
    case "/admin/vendor-cases": {
      const filter = VENDOR_CASE_VIEWS[vendorCaseView(sp.due)].filter;
      return (await walk((cursor) => listVendorCases(admin, filter, { limit: 3, cursor }))).length;
    }
    case "/admin/outbox":
      return (await walk((cursor) => listOutbox(admin, outboxFilterFromParams(sp), { limit: 3, cursor }, null))).length;
    case "/admin/devices":
      return (await walk((cursor) => listDevicePage(admin, deviceListFilterFromParams(sp), { limit: 7, cursor }))).length;
    default:
      throw new Error(`no list behind ${href}`);
  }
}

beforeAll(async () => {
  const db = await getDb();
  await loadDemo(db);
  const [dana] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.email, "dispatch@demo.fieldkey.test"));
  admin = { ...dana!, role: "admin", customerId: null };
  // Webhook history: two endpoints, events with deliveries in every state.
  const a = await createWebhookEndpoint(
    admin,
    { url: "https://crm.example.com/hooks/fieldkey", description: "CRM", events: ["visit.booked", "visit.cancelled"] },
    null,
  );
  await createWebhookEndpoint(admin, { url: "https://billing.example.com/in", events: ["visit.booked"] }, null);
  for (let i = 0; i < 9; i++) await db.transaction((tx) => emitEvent(tx, i % 3 === 0 ? "visit.cancelled" : "visit.booked", { n: i }));
  const rows = await db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, a.id));
  for (const [i, r] of rows.entries()) {
    const status = i % 3 === 0 ? "delivered" : i % 3 === 1 ? "failed" : "pending";
    await db
      .update(webhookDeliveries)
      .set({ status, attempts: status === "pending" ? 0 : 3 })
      .where(eq(webhookDeliveries.id, r.id));
  }
}, 180_000);

// First, before any read folds: the demo's changes were not left to fold one by one (38 s on the first report read).
it("the demo leaves no report change to fold: its rollups are rebuilt in the load and agree with its raw facts", async () => {
  const [pending] = await queryRows<{ n: number }>(await getDb(), sql`SELECT count(*)::int AS n FROM report_deltas`);
  expect(pending!.n).toBe(0);
  expect((await reportFromEverySource(admin, {})).totals.final).toBeGreaterThan(100);
});

describe("numbers shown in two places agree (demo company)", () => {
  it("each customer in the list has the devices and visits its own page shows", async () => {
    const listed = await walk((cursor) => listCustomers(admin, { order: "name" }, { limit: 10, cursor }));
    expect(listed.length).toBeGreaterThan(30);
    expect(listed.some((c) => c.deviceCount > 0 && c.visitCount > 0)).toBe(true);
    for (const c of listed) {
      const detail = await getCustomerDetail(admin, c.id);
      expect(c.deviceCount, `${c.name}: devices`).toBe(detail.devices.length);
      const visits = await walk((cursor) => listVisitPage(admin, { customerId: c.id }, { limit: 20, cursor }, "desc"));
      expect(c.visitCount, `${c.name}: visits listed`).toBe(visits.length);
      expect(c.visitCount, `${c.name}: visits counted`).toBe(await countVisits(admin, { customerId: c.id }));
    }
  });

  it("every number on the overview is the length of the list it opens", async () => {
    const o = await getOverview(admin);
    const counted: [string, Counted][] = [
      ["requests to schedule", o.requests],
      ["vendor cases overdue", o.vendorCases.overdue],
      ["vendor cases due soon", o.vendorCases.dueSoon],
      ["emails that failed", o.failedMail],
      ["devices to back up", o.needsBackup],
      ["today's visits", o.todayVisits.total],
      ...o.todayVisits.byStatus.map((c) => [`today ${c.status}`, c] as [string, Counted]),
      ...o.todayVisits.rows.flatMap((r) => [
        [`${r.name} today`, r.total] as [string, Counted],
        ...r.cells.map((c, i) => [`${r.name} ${o.todayVisits.statuses[i]}`, c] as [string, Counted]),
      ]),
    ];
    // The demo has something in each, or the check proves little.
    for (const [what, c] of counted.slice(0, 6)) expect(c.n, `${what} (demo data)`).toBeGreaterThan(0);
    for (const [what, c] of counted) expect(await rowsBehind(c.href), `${what}: ${c.href}`).toBe(c.n);
    // The rows of today's grid add up to its total.
    expect(o.todayVisits.rows.reduce((n, r) => n + r.total.n, 0)).toBe(o.todayVisits.total.n);
  });

  it("the success rates are the ones /admin/reports shows for the same dates", async () => {
    const o = await getOverview(admin);
    for (const w of [o.success.thisWeek, o.success.lastWeek]) {
      const parsed = parseReportFilters(Object.fromEntries(new URL(w.href, "http://x").searchParams));
      expect(parsed.ok).toBe(true);
      const t = (await getReportData(admin, parsed.ok ? parsed.filters : {})).totals;
      expect({ succeeded: w.succeeded, final: w.final }).toEqual({ succeeded: t.succeeded, final: t.final });
    }
    expect(o.success.lastWeek.final).toBeGreaterThan(0);
  });

  it("each webhook endpoint's counters are the deliveries its links list", async () => {
    const endpoints = await listWebhookEndpoints(admin);
    expect(endpoints).toHaveLength(2);
    expect(endpoints.some((e) => e.delivered > 0 && e.failed > 0 && e.pending > 0)).toBe(true);
    for (const e of endpoints) {
      for (const status of ["delivered", "pending", "failed"] as const) {
        const rows = await walk((cursor) => listWebhookDeliveries(admin, { endpointId: e.id, status }, { limit: 2, cursor }));
        expect(e[status], `${e.url} ${status}`).toBe(rows.length);
        expect(await countWebhookDeliveries(admin, { endpointId: e.id, status })).toBe(rows.length);
      }
    }
  });
});
