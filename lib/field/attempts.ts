import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { inTransaction, type Executor, type WriteOptions } from "@/db/client";
import { attempts, devices, recoveryMethods, vendorCases, visitDevices, type Brand, type DeviceKind } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError, ForbiddenError, NotFoundError, parseInput, ValidationError } from "@/lib/platform/errors";
import { assertEditable, assertOnSite, hasAuthorization, loadWorkVisit } from "./access";
import { AUTHORIZATION_FIRST } from "./labels";
import { whyNotApplicable } from "./playbook";
import { correctAttemptSchema, logAttemptSchema } from "./schemas";
import { OPEN_CASE_STATUSES, openCaseFor, openVendorCase } from "@/lib/vendor-cases/open";
import { missingEvidence, missingEvidenceMessage } from "@/lib/vendor-cases/evidence";
import { evidenceFactsFor } from "@/lib/vendor-cases/evidence-data";

/** How far a phone's clock may run ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** How long an attempt saved on a phone with no signal may take to reach the server. */
export const MAX_OFFLINE_AGE_MS = 30 * 24 * 3_600_000;

/**
 * The attempt's times, from the phone's clock: `endedAt` when it was saved
 * (offline, that can be long before it arrives), `startedAt` when its timer
 * started. A clock up to 5 minutes ahead is clamped to the server's time;
 * further ahead is refused, as are a timer over a day long and a save older
 * than 30 days. Without `endedAt` the attempt ends now (the server's clock).
 */
export function attemptTimes(data: { startedAt?: string; endedAt?: string }, now: Date) {
  let endedAt: Date | null = null;
  if (data.endedAt) {
    endedAt = new Date(data.endedAt);
    if (endedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      throw new ValidationError("The end time is in the future.", { endedAt: ["The attempt's end time is in the future: check the phone's clock."] });
    if (endedAt.getTime() < now.getTime() - MAX_OFFLINE_AGE_MS)
      throw new ValidationError("The attempt is too old.", { endedAt: ["This attempt was saved over 30 days ago: log it again with today's date."] });
    if (endedAt > now) endedAt = now;
  }
  const end = endedAt ?? now;
  let startedAt: Date | null = null;
  if (data.startedAt) {
    startedAt = new Date(data.startedAt);
    if (startedAt.getTime() > end.getTime() + CLOCK_SKEW_MS)
      throw new ValidationError("The start time is in the future.", { startedAt: ["The timer's start time is in the future: check the phone's clock."] });
    if (startedAt.getTime() < end.getTime() - 24 * 3_600_000)
      throw new ValidationError("The timer ran for over a day.", { startedAt: ["The timer started over 24 hours ago: enter a duration instead."] });
    if (startedAt > end) startedAt = end;
  }
  return { startedAt, endedAt: startedAt || endedAt ? end : null };
}

async function deviceOnVisit(db: Executor, visitId: string, deviceId: string) {
  const [d] = await db
    .select({ id: devices.id, brand: devices.brand, kind: devices.kind })
    .from(visitDevices)
    .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
    .where(and(eq(visitDevices.visitId, visitId), eq(visitDevices.deviceId, deviceId)));
  if (!d) throw new ValidationError("That device is not on this visit.", { deviceId: ["That device is not on this visit."] });
  return d;
}

/** The method, checked against the device: known, still offered, of its brand and kind, described when it must be. */
async function checkedMethod(db: Executor, methodId: string, device: { brand: Brand; kind: DeviceKind }, description: string) {
  const [m] = await db
    .select({
      id: recoveryMethods.id,
      name: recoveryMethods.name,
      brands: recoveryMethods.brands,
      kinds: recoveryMethods.kinds,
      active: recoveryMethods.active,
      vendorPending: recoveryMethods.vendorPending,
      requiresDescription: recoveryMethods.requiresDescription,
      evidence: recoveryMethods.evidence,
    })
    .from(recoveryMethods)
    .where(eq(recoveryMethods.id, methodId));
  if (!m) throw new ValidationError("Unknown recovery method.", { methodId: ["Unknown recovery method."] });
  const why = whyNotApplicable(m, device);
  if (why) throw new ValidationError(why, { methodId: [why] });
  if (m.requiresDescription && !description) {
    throw new ValidationError("Describe what was done.", { description: ["Describe exactly what was done (required for “Other”)."] });
  }
  return m;
}

/**
 * Log one method tried on one device. Refused: before the authorization,
 * off site, on a closed visit, for a device not on the visit, with a method
 * that is unknown or of another brand, `other` without a description,
 * waiting_vendor for a method that never waits on a vendor or before its
 * evidence checklist is complete (the message lists what is missing), and
 * anything on a device whose vendor case is still open (the device must not
 * be touched).
 */
export async function logAttempt(actor: Actor | null, input: unknown, ip: string | null = null, now = new Date(), opts: WriteOptions = {}) {
  const data = parseInput(logAttemptSchema, input);
  const { startedAt, endedAt } = attemptTimes(data, now);
  return inTransaction(opts.tx, async (tx) => {
    const v = await loadWorkVisit(tx, actor, data.visitId, { lock: true });
    assertOnSite(v);
    if (!(await hasAuthorization(tx, v.id))) throw new ConflictError(AUTHORIZATION_FIRST);
    const device = await deviceOnVisit(tx, v.id, data.deviceId);
    const method = await checkedMethod(tx, data.methodId, device, data.description);
    if (data.outcome === "waiting_vendor" && !method.vendorPending) {
      throw new ValidationError("This method never waits on a vendor.", {
        outcome: [`${method.name} does not wait on a vendor: choose succeeded, failed or abandoned.`],
      });
    }
    const open = await openCaseFor(tx, v.id, device.id);
    if (open) throw new ConflictError("This device is waiting on the vendor. Close the vendor case with its result before logging anything else on it.");
    if (data.outcome === "waiting_vendor") {
      // The case goes to the vendor only with everything the vendor asks for (the method's evidence checklist).
      const missing = missingEvidence(method.evidence, await evidenceFactsFor(tx, v.id, device.id));
      if (missing.length) throw new ConflictError(missingEvidenceMessage(method.name, missing), { evidence: missing });
    }
    const [{ next }] = (await tx
      .select({ next: sql<number>`coalesce(max(${attempts.seq}), 0) + 1`.mapWith(Number) })
      .from(attempts)
      .where(and(eq(attempts.visitId, v.id), eq(attempts.deviceId, device.id)))) as [{ next: number }];
    const [row] = await tx
      .insert(attempts)
      .values({
        visitId: v.id,
        deviceId: device.id,
        methodId: method.id,
        seq: next,
        technicianId: actor!.id,
        startedAt,
        endedAt,
        durationSeconds: data.durationSeconds,
        outcome: data.outcome,
        description: data.description || null,
        notes: data.notes || null,
      })
      .returning({ id: attempts.id, seq: attempts.seq });
    await audit(tx, {
      actorId: actor!.id,
      action: "attempt.log",
      entityType: "attempt",
      entityId: row!.id,
      details: { visitId: v.id, deviceId: device.id, methodId: method.id, outcome: data.outcome, seq: next, durationSeconds: data.durationSeconds },
      ip,
    });
    let vendorCaseId: string | null = null;
    let emailedTo: string | null = null;
    if (data.outcome === "waiting_vendor") {
      const vc = data.vendorCase!;
      const c = await openVendorCase(
        tx,
        actor!,
        {
          attemptId: row!.id,
          visit: v,
          deviceId: device.id,
          vendor: vc.vendor,
          whatWasSent: vc.whatWasSent,
          sentAt: endedAt ?? now,
          method: { id: method.id, name: method.name, evidence: method.evidence },
          emailVendor: vc.emailVendor,
        },
        ip,
      );
      vendorCaseId = c.id;
      emailedTo = c.emailedTo;
    }
    return { attemptId: row!.id, seq: row!.seq, vendorCaseId, emailedTo };
  });
}

/**
 * Correct an attempt: only its author, only until the visit is completed.
 * An attempt that opened a vendor case keeps its method; while the case is
 * open it also keeps its outcome (waiting_vendor); once the case is closed it
 * takes its final outcome (succeeded, failed or abandoned) by correction,
 * never waiting_vendor again. Nothing else becomes waiting_vendor by
 * correction. Audited with before and after.
 */
export async function correctAttempt(actor: Actor | null, input: unknown, ip: string | null = null, opts: WriteOptions = {}) {
  const data = parseInput(correctAttemptSchema, input);
  return inTransaction(opts.tx, async (tx) => {
    const [found] = await tx.select({ visitId: attempts.visitId }).from(attempts).where(eq(attempts.id, data.attemptId));
    if (!found) throw new NotFoundError("Attempt not found.");
    const v = await loadWorkVisit(tx, actor, found.visitId, { lock: true });
    assertEditable(v);
    const [before] = await tx
      .select({
        technicianId: attempts.technicianId,
        deviceId: attempts.deviceId,
        methodId: attempts.methodId,
        outcome: attempts.outcome,
        durationSeconds: attempts.durationSeconds,
        notes: attempts.notes,
        description: attempts.description,
      })
      .from(attempts)
      .where(eq(attempts.id, data.attemptId))
      .for("update");
    if (!before) throw new NotFoundError("Attempt not found.");
    if (before.technicianId !== actor!.id) throw new ForbiddenError("Only the technician who logged an attempt can correct it.");
    const device = await deviceOnVisit(tx, v.id, before.deviceId);
    await checkedMethod(tx, data.methodId, device, data.description);
    const [vc] = await tx.select({ id: vendorCases.id, status: vendorCases.status }).from(vendorCases).where(eq(vendorCases.attemptId, data.attemptId));
    if (vc && data.methodId !== before.methodId) {
      throw new ConflictError("This attempt opened a vendor case: its method stays.", {
        methodId: ["The method of an attempt that opened a vendor case stays."],
      });
    }
    const caseOpen = !!vc && (OPEN_CASE_STATUSES as readonly string[]).includes(vc.status);
    if (caseOpen && data.outcome !== before.outcome) {
      throw new ConflictError("This attempt waits on an open vendor case: close the case with what came of the vendor's answer.");
    }
    if (vc && !caseOpen && data.outcome === "waiting_vendor") {
      throw new ValidationError("The vendor case is closed.", { outcome: ["The vendor case is closed: choose succeeded, failed or abandoned."] });
    }
    if (!vc && data.outcome === "waiting_vendor") {
      throw new ValidationError("Log a new attempt to wait on a vendor.", { outcome: ["To wait on a vendor, log a new attempt (it opens a vendor case)."] });
    }
    const after = {
      methodId: data.methodId,
      outcome: data.outcome,
      durationSeconds: data.durationSeconds,
      notes: data.notes || null,
      description: data.description || null,
    };
    await tx
      .update(attempts)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(attempts.id, data.attemptId));
    const { technicianId: _t, deviceId: _d, ...beforeFields } = before;
    await audit(tx, {
      actorId: actor!.id,
      action: "attempt.correct",
      entityType: "attempt",
      entityId: data.attemptId,
      details: { visitId: v.id, before: beforeFields, after },
      ip,
    });
    return { attemptId: data.attemptId };
  });
}
