import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { inTransaction, type Executor, type WriteOptions } from "@/db/client";
import { configBackups, vendorCases } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "@/lib/platform/errors";
import { loadWorkVisit } from "./access";
import { attachVendorFileSchema } from "./schemas";
import { markAnswerReceived } from "@/lib/vendor-cases/manage";
import { OPEN_CASE_STATUSES } from "@/lib/vendor-cases/open";

/**
 * Link a file already stored in the vault (lib/backups, kind vendor_request
 * or vendor_result) to a vendor case: the exported request while the case is
 * open, the vendor's result before the case is closed. The file must be of
 * the case's device. A link, once made, is not replaced (upload again = a new
 * vault version, and the case keeps the first).
 */
export async function attachVendorFile(actor: Actor | null, input: unknown, ip: string | null = null, opts: WriteOptions = {}) {
  const data = parseInput(attachVendorFileSchema, input);
  requirePermission(actor, "jobs:work");
  return inTransaction(opts.tx, async (tx) => {
    const [found] = await tx.select({ visitId: vendorCases.visitId }).from(vendorCases).where(eq(vendorCases.id, data.caseId));
    if (!found) throw new NotFoundError("Vendor case not found.");
    await loadWorkVisit(tx, actor, found.visitId, { lock: true });
    const [c] = await tx
      .select({
        status: vendorCases.status,
        deviceId: vendorCases.deviceId,
        requestBackupId: vendorCases.requestBackupId,
        resultBackupId: vendorCases.resultBackupId,
      })
      .from(vendorCases)
      .where(eq(vendorCases.id, data.caseId))
      .for("update");
    if (!c || !(OPEN_CASE_STATUSES as readonly string[]).includes(c.status))
      throw new ConflictError("This vendor case is closed; its files can no longer change.");
    const kind = data.which === "request" ? "vendor_request" : "vendor_result";
    const [file] = await tx
      .select({ id: configBackups.id, deviceId: configBackups.deviceId, kind: configBackups.kind })
      .from(configBackups)
      .where(and(eq(configBackups.id, data.backupId), isNull(configBackups.deletedAt)));
    if (!file || file.deviceId !== c.deviceId)
      throw new ValidationError("That file is not a backup of this device.", { backupId: ["That file is not a backup of this device."] });
    if (file.kind !== kind)
      throw new ValidationError(`That file was not stored as a ${data.which} file.`, { backupId: [`Upload it as the vendor ${data.which} file.`] });
    const current = data.which === "request" ? c.requestBackupId : c.resultBackupId;
    if (current) throw new ConflictError(`This case already has its ${data.which} file; it is kept as it is.`);
    if (data.which === "request") await tx.update(vendorCases).set({ requestBackupId: file.id }).where(eq(vendorCases.id, data.caseId));
    else if (c.status === "open") await markAnswerReceived(tx, data.caseId, new Date(), { resultBackupId: file.id });
    // The answer was already recorded (its clock is running): the file joins it without restarting the clock.
    else await tx.update(vendorCases).set({ resultBackupId: file.id }).where(eq(vendorCases.id, data.caseId));
    await audit(tx, {
      actorId: actor.id,
      action: `vendor_case.attach_${data.which}`,
      entityType: "vendor_case",
      entityId: data.caseId,
      details: { backupId: file.id },
      ip,
    });
    return { backupId: file.id };
  });
}

/** Names of the files linked to vendor cases, for display. Callers scope the cases. */
export async function vendorFileNames(db: Executor, ids: (string | null)[]) {
  const wanted = ids.filter((x): x is string => !!x);
  if (wanted.length === 0) return new Map<string, { filename: string; sizeBytes: number }>();
  const rows = await db
    .select({ id: configBackups.id, filename: configBackups.filename, sizeBytes: configBackups.sizeBytes })
    .from(configBackups)
    .where(and(inArray(configBackups.id, wanted), isNull(configBackups.deletedAt)));
  return new Map(rows.map((r) => [r.id, { filename: r.filename, sizeBytes: r.sizeBytes }]));
}
