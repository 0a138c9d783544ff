/**
 * Test helpers for the reports (imported by *.test.ts only): attempts and
 * vendor cases written straight into the tables, as the field screens would.
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { attempts, vendorCases, type AttemptOutcome, type Vendor } from "@/db/schema";
import { expect } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { getReportData, type ReportData } from "@/lib/reports/data";
import type { ReportFilters } from "@/lib/reports/filters";
import { queryRows } from "@/lib/reports/queries";
import { makeVisit } from "@/test/support/factories";

export { snapshotRollups } from "./rollup-snapshot";

export async function addAttempt(
  o: {
    visitId: string;
    deviceId: string;
    technicianId: string;
    methodId: string;
    outcome: AttemptOutcome;
    startedAt?: Date;
    durationMinutes?: number | null;
    notes?: string;
  },
  db?: Executor,
) {
  const conn = db ?? (await getDb());
  const [{ next }] = (await queryRows<{ next: number }>(
    conn,
    sql`SELECT coalesce(max(seq), 0)::int + 1 AS next FROM attempts WHERE visit_id = ${o.visitId}::uuid AND device_id = ${o.deviceId}::uuid`,
  )) as [{ next: number }];
  const startedAt = o.startedAt ?? new Date("2025-06-02T14:00:00Z");
  const seconds = o.durationMinutes === undefined || o.durationMinutes === null ? null : Math.round(o.durationMinutes * 60);
  const [row] = await conn
    .insert(attempts)
    .values({
      visitId: o.visitId,
      deviceId: o.deviceId,
      technicianId: o.technicianId,
      methodId: o.methodId,
      seq: next,
      outcome: o.outcome,
      startedAt,
      endedAt: seconds === null ? null : new Date(startedAt.getTime() + seconds * 1000),
      durationSeconds: seconds,
      notes: o.notes ?? null,
    })
    .returning({ id: attempts.id });
  return row!.id;
}

export async function addVendorCase(
  o: { attemptId: string; visitId: string; deviceId: string; vendor: Vendor; sentAt: Date; resultAfterHours?: number },
  db?: Executor,
) {
  const conn = db ?? (await getDb());
  const [row] = await conn
    .insert(vendorCases)
    .values({
      attemptId: o.attemptId,
      visitId: o.visitId,
      deviceId: o.deviceId,
      vendor: o.vendor,
      whatWasSent: "export file",
      sentAt: o.sentAt,
      dueAt: new Date(o.sentAt.getTime() + 48 * 3600_000),
      status: o.resultAfterHours === undefined ? "open" : "result_received",
      resultReceivedAt: o.resultAfterHours === undefined ? null : new Date(o.sentAt.getTime() + o.resultAfterHours * 3600_000),
    })
    .returning({ id: vendorCases.id });
  return row!.id;
}

export async function correctAttempt(id: string, patch: Partial<typeof attempts.$inferInsert>, db?: Executor) {
  const conn = db ?? (await getDb());
  await conn
    .update(attempts)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(attempts.id, id)));
}

/** The report from every source that can answer these filters (the raw facts and the cumulative rollups); they must agree. */
export async function reportFromEverySource(admin: Actor, filters: ReportFilters): Promise<ReportData> {
  const raw = await getReportData(admin, filters, { source: "raw" });
  const rolled = await getReportData(admin, filters, { source: "rollups" });
  expect({ ...rolled, source: "raw" }).toEqual(raw);
  return rolled;
}

let slot = 0;
/** A completed (or on-site) visit in June 2025 of this customer, each at its own time so nothing overlaps. */
export async function juneVisit(customerId: string, technicianId: string, deviceIds: string[], status: "completed" | "on_site" = "completed") {
  slot++;
  return makeVisit({ customerId, technicianId, startsAt: new Date(Date.UTC(2025, 5, 2, 13 + (slot % 8), 0) + slot * 86_400_000), status, deviceIds });
}

/**
 * Every kind of filter, alone and combined, for the rollup property test's data (models DHI-NVR4108HS, DS-7608NI-K2,
 * N841; firmwares V4.001.0000, v4.2, 2.800; `techs` its two technicians): device details resolve to attribute keys
 * or profiles, visits to signatures.
 */
export const everyKindOfFilter = (techs: string[]): ReportFilters[] => [
  {},
  { brand: "dahua" },
  { kind: "dvr", from: "2025-01-20" },
  { to: "2025-02-15", technician: techs[0] },
  { model: "7608" },
  { model: "n", kind: "camera" },
  // several models matched: a visit with devices of two of them counts once
  { model: "n" },
  { model: "n", brand: "dahua", to: "2025-02-20" },
  { firmware: "V4", from: "2025-01-10", to: "2025-03-01" },
  { option: "recovery_email" },
  { seal: "broken", brand: "dahua" },
  { attempt: "first" },
  { attempt: "later", from: "2025-01-08", to: "2025-01-21" },
  { model: "DS", option: "guid_file", technician: techs[1] },
  // two details: model × firmware pairs (several), an option × a seal, a firmware × a seal; three: the profiles
  { model: "n", firmware: "v4" },
  { option: "recovery_email", seal: "unknown", from: "2025-01-15" },
  { firmware: "v4", seal: "unknown", brand: "hikvision" },
  { model: "n", firmware: "v4", seal: "unknown" },
  { from: "2025-01-07", to: "2025-01-07" },
];
