import "server-only";
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Database } from "@/db/client";
import { vendorCases } from "@/db/schema";
import { registerJob } from "@/lib/platform/background";
import { emitEvent } from "./emit";

/**
 * Open vendor cases past their due time get `vendor_case.overdue` once:
 * marking `overdue_notified_at` and writing the event happen in one
 * transaction, on rows claimed with SKIP LOCKED, so two instances scanning
 * at once still emit each case once.
 */
export async function scanOverdueVendorCases(db?: Database) {
  const conn = db ?? (await getDb());
  return conn.transaction(async (tx) => {
    const due = tx
      .select({ id: vendorCases.id })
      .from(vendorCases)
      .where(and(eq(vendorCases.status, "open"), lt(vendorCases.dueAt, sql`now()`), isNull(vendorCases.overdueNotifiedAt)))
      .limit(100)
      .for("update", { skipLocked: true });
    const marked = await tx
      .update(vendorCases)
      .set({ overdueNotifiedAt: sql`now()` })
      .where(and(inArray(vendorCases.id, due), isNull(vendorCases.overdueNotifiedAt)))
      .returning({
        id: vendorCases.id,
        visitId: vendorCases.visitId,
        deviceId: vendorCases.deviceId,
        attemptId: vendorCases.attemptId,
        vendor: vendorCases.vendor,
        whatWasSent: vendorCases.whatWasSent,
        sentAt: vendorCases.sentAt,
        dueAt: vendorCases.dueAt,
      });
    for (const c of marked) {
      await emitEvent(tx, "vendor_case.overdue", {
        vendorCaseId: c.id,
        visitId: c.visitId,
        deviceId: c.deviceId,
        attemptId: c.attemptId,
        vendor: c.vendor,
        whatWasSent: c.whatWasSent,
        sentAt: c.sentAt.toISOString(),
        dueAt: c.dueAt.toISOString(),
      });
    }
    return marked.length;
  });
}

registerJob({ name: "vendor-case-overdue", everyMs: 60_000, run: async () => void (await scanOverdueVendorCases()) });
