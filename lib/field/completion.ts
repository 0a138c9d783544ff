import "server-only";
import { and, eq } from "drizzle-orm";
import { inTransaction, type WriteOptions } from "@/db/client";
import { customers, visitDevices, visits } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError, type FieldErrors, parseInput, ValidationError } from "@/lib/platform/errors";
import { enqueueMail } from "@/lib/mail/outbox";
import { getSettings } from "@/lib/settings/company";
import { assertTransition } from "@/lib/visits/lifecycle";
import { assertEditable, hasAuthorization, loadWorkVisit } from "./access";
import { saveChecklist } from "./checklist";
import { visitDevicesWithAttempts } from "./job";
import { acceptsReason, completionBlockers, isResolved, needsOutcomeOrReason } from "./resolution";
import { completeVisitSchema } from "./schemas";
import { buildVisitSummary, summaryEmail } from "./summary";
import { emitVisitEvent } from "@/lib/webhooks/emit";
import { draftInvoiceForVisit } from "@/lib/billing/invoices";

/**
 * Complete a visit in one transaction: store the closing reasons given for
 * devices left without success, answer the lockout-prevention checklist,
 * check every precondition (authorization, no open vendor case, every device
 * resolved), move to completed and email the customer the summary.
 * Nothing is written unless all of it holds.
 */
export async function completeVisit(actor: Actor | null, input: unknown, ip: string | null = null, opts: WriteOptions = {}) {
  const data = parseInput(completeVisitSchema, input);
  const s = await getSettings(opts.tx);
  return inTransaction(opts.tx, async (tx) => {
    const v = await loadWorkVisit(tx, actor, data.visitId, { lock: true });
    assertEditable(v);
    assertTransition(v.status, "completed");
    let devs = await visitDevicesWithAttempts(tx, v.id, v.status);
    const fieldErrors: FieldErrors = {};
    for (const [i, given] of data.devices.entries()) {
      const d = devs.find((x) => x.id === given.deviceId);
      if (!d) {
        fieldErrors[`devices.${i}.reason`] = ["That device is not on this visit."];
        continue;
      }
      if (given.reason && acceptsReason(d.state)) {
        await tx
          .update(visitDevices)
          .set({ notAttemptedReason: given.reason })
          .where(and(eq(visitDevices.visitId, v.id), eq(visitDevices.deviceId, d.id)));
      }
    }
    if (Object.keys(fieldErrors).length) throw new ValidationError("Please correct the highlighted fields.", fieldErrors);
    devs = await visitDevicesWithAttempts(tx, v.id, v.status);
    for (const d of devs.filter((x) => needsOutcomeOrReason(x.state))) {
      const i = data.devices.findIndex((g) => g.deviceId === d.id);
      if (i >= 0)
        fieldErrors[`devices.${i}.reason`] = [d.attempts.length ? "Say why this device is left unrecovered." : "Say why this device was not attempted."];
    }
    const blockers = completionBlockers({
      status: v.status,
      hasAuthorization: await hasAuthorization(tx, v.id),
      openVendorCases: devs.filter((d) => d.openCase).length,
      checklistAnswered: true,
      devices: devs.map((d) => ({ label: d.label, state: d.state })),
    });
    if (blockers.length)
      throw new ConflictError(`This visit cannot be completed yet: ${blockers.join(" ")}`, Object.keys(fieldErrors).length ? fieldErrors : undefined);
    if (!devs.every((d) => isResolved(d.state))) throw new ConflictError("Every device needs a final outcome first.");

    const now = new Date();
    const answers = await saveChecklist(tx, v.id, actor!.id, data, now);
    await tx.update(visits).set({ status: "completed", completedAt: now, updatedAt: now }).where(eq(visits.id, v.id));
    await audit(tx, {
      actorId: actor!.id,
      action: "visit.complete",
      entityType: "visit",
      entityId: v.id,
      details: { from: v.status, to: "completed", checklist: answers, devices: devs.map((d) => ({ deviceId: d.id, state: d.state })) },
      ip,
    });
    await emitVisitEvent(tx, "visit.completed", v.id);
    // The draft invoice, from the work actually done (lib/billing/invoices.ts); the office issues it.
    await draftInvoiceForVisit(tx, v.id, actor!.id, s);
    const [c] = await tx.select({ email: customers.email }).from(customers).where(eq(customers.id, v.customerId));
    if (c?.email) {
      const summary = await buildVisitSummary(tx, v.id);
      await enqueueMail(tx, { kind: "visit.completed", to: c.email, visitId: v.id, ...summaryEmail(summary, s) });
    }
    return { status: "completed" as const };
  });
}
