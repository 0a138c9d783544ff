import "server-only";
import { and, eq, gt, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db/client";
import { attempts, customers, devices, recoveryMethods, users, vendorCases, visits } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { appUrl } from "@/lib/booking/invite";
import { formatFullDateTime } from "@/lib/format/dates";
import { enqueueMail } from "@/lib/mail/outbox";
import { registerJob } from "@/lib/platform/background";
import { getSettings, type CompanySettings } from "@/lib/settings/company";
import { deviceLabel, VENDOR_LABELS } from "@/lib/values/labels";
import { EXPIRY_WARNING_HOURS } from "./clock";
import { DO_NOT_REBOOT, releaseVisit } from "./manage";

/**
 * The vendor-case clocks at work, run by every instance (lib/platform/
 * background.ts) and each sent once however many run: a run claims its cases
 * with a conditional UPDATE … WHERE <not yet done> on rows locked with SKIP
 * LOCKED (the pattern of lib/mail/reminders.ts and the overdue webhook), and
 * writes the mails and status changes in the same transaction.
 *
 *   overdue   still waiting on the vendor past its due time: tell the technician and the admins
 *   expiring  the answer is in, unused, and dies within EXPIRY_WARNING_HOURS: the same
 *   expired   the answer died unused: the case expires (expired_unused) and the visit goes back on site
 */
const BATCH = 100;
const technician = alias(users, "technician");

/** What each mail says about its case. */
async function caseFacts(tx: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: vendorCases.id,
      visitId: vendorCases.visitId,
      visitStatus: visits.status,
      reference: visits.reference,
      vendor: vendorCases.vendor,
      whatWasSent: vendorCases.whatWasSent,
      sentAt: vendorCases.sentAt,
      dueAt: vendorCases.dueAt,
      expiresAt: vendorCases.expiresAt,
      methodName: recoveryMethods.name,
      doNotReboot: recoveryMethods.doNotReboot,
      customerName: customers.name,
      brand: devices.brand,
      kind: devices.kind,
      model: devices.model,
      technicianEmail: technician.email,
      technicianDisabled: technician.disabledAt,
    })
    .from(vendorCases)
    .innerJoin(visits, eq(visits.id, vendorCases.visitId))
    .innerJoin(customers, eq(customers.id, visits.customerId))
    .innerJoin(devices, eq(devices.id, vendorCases.deviceId))
    .innerJoin(attempts, eq(attempts.id, vendorCases.attemptId))
    .innerJoin(recoveryMethods, eq(recoveryMethods.id, attempts.methodId))
    .leftJoin(technician, eq(technician.id, visits.technicianId))
    .where(inArray(vendorCases.id, ids));
}
type CaseFacts = Awaited<ReturnType<typeof caseFacts>>[number];

/** The case's technician (if still active) and every active admin. */
async function recipients(tx: Executor, c: CaseFacts) {
  const admins = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  const to = [...(c.technicianEmail && !c.technicianDisabled ? [{ email: c.technicianEmail, tech: true }] : []), ...admins.map((a) => ({ ...a, tech: false }))];
  return [...new Map(to.map((r) => [r.email.toLowerCase(), r])).values()];
}

type Kind = "overdue" | "expiring" | "expired";

function caseMail(kind: Kind, c: CaseFacts, to: { email: string; tech: boolean }, s: CompanySettings, releasedToOnSite: boolean) {
  const device = deviceLabel(c);
  const link = `${appUrl()}${to.tech ? "/tech" : "/admin"}/visits/${c.visitId}`;
  const subject = {
    overdue: `Vendor answer overdue: ${c.reference}, ${VENDOR_LABELS[c.vendor]} (${device})`,
    expiring: `Vendor answer expires ${c.expiresAt ? `at ${formatFullDateTime(c.expiresAt, s)}` : "soon"}: ${c.reference} (${device})`,
    expired: `Vendor answer expired unused: ${c.reference} (${device})`,
  }[kind];
  const opening = {
    overdue: `${VENDOR_LABELS[c.vendor]} has not answered: the answer was due ${formatFullDateTime(c.dueAt, s)}. Chase the vendor, or close the case if no answer will come.`,
    expiring: `The vendor's answer is in but not yet used, and it stops working ${c.expiresAt ? formatFullDateTime(c.expiresAt, s) : "soon"} (in under ${EXPIRY_WARNING_HOURS} hours). Use it before then, or plan a new request.`,
    expired: `The vendor's answer was not used before it expired (${c.expiresAt ? formatFullDateTime(c.expiresAt, s) : "its deadline"}): the case is closed as expired unused.${
      releasedToOnSite ? " The visit is back on site: log the outcome, or book a follow-up visit to send a new request." : ""
    }`,
  }[kind];
  const text = [
    opening,
    "",
    `Visit: ${c.reference} for ${c.customerName}`,
    `Device: ${device}`,
    `Method: ${c.methodName}`,
    `Sent: ${c.whatWasSent}, ${formatFullDateTime(c.sentAt, s)}`,
    ...(kind !== "expired" ? ["", c.doNotReboot ?? DO_NOT_REBOOT] : []),
    "",
    link,
    "",
    s.companyName,
  ].join("\n");
  return { kind: `vendor_case.${kind}`, to: to.email, subject, text, visitId: c.visitId };
}

async function mailAbout(tx: Executor, kind: Kind, cases: CaseFacts[], s: CompanySettings, released = new Set<string>()) {
  let n = 0;
  for (const c of cases) for (const r of await recipients(tx, c)) n += (await enqueueMail(tx, caseMail(kind, c, r, s, released.has(c.id)))) ? 1 : 0;
  return n;
}

/**
 * Claims up to BATCH cases that match `where` and are not yet marked (rows
 * locked with SKIP LOCKED, then a conditional UPDATE of the mark: one
 * instance wins each case) and mails about them in the same transaction.
 */
async function claimAndMail(
  opts: { db?: Executor; now?: Date },
  kind: "overdue" | "expiring",
  where: (now: Date) => SQL | undefined,
  mark: "overdueMailedAt" | "expiryWarnedAt",
) {
  const db = opts.db ?? (await getDb());
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: vendorCases.id })
      .from(vendorCases)
      .where(and(where(now), isNull(vendorCases[mark])))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    const claimed = await tx
      .update(vendorCases)
      .set({ [mark]: now })
      .where(and(inArray(vendorCases.id, due), isNull(vendorCases[mark])))
      .returning({ id: vendorCases.id });
    if (claimed.length === 0) return { cases: 0, mails: 0 };
    const facts = await caseFacts(
      tx,
      claimed.map((c) => c.id),
    );
    return { cases: claimed.length, mails: await mailAbout(tx, kind, facts, await getSettings(tx)) };
  });
}

/** Open cases past due with no overdue mail yet: claimed and mailed once. */
export function mailOverdueCases(opts: { db?: Executor; now?: Date } = {}) {
  return claimAndMail(opts, "overdue", (now) => and(eq(vendorCases.status, "open"), lte(vendorCases.dueAt, now)), "overdueMailedAt");
}

/** Received answers that expire within EXPIRY_WARNING_HOURS, not yet warned about: claimed and mailed once. */
export function warnExpiringAnswers(opts: { db?: Executor; now?: Date } = {}) {
  return claimAndMail(
    opts,
    "expiring",
    (now) =>
      and(
        eq(vendorCases.status, "result_received"),
        gt(vendorCases.expiresAt, now),
        lte(vendorCases.expiresAt, new Date(now.getTime() + EXPIRY_WARNING_HOURS * 3_600_000)),
      ),
    "expiryWarnedAt",
  );
}

/**
 * Received answers past their expiry, still unused: each case expires
 * (closed_reason expired_unused, audited as the system), the attempt that
 * waited on it is settled as failed, its visit goes back
 * on site when nothing else waits on a vendor, and the technician and admins
 * are told. The status change is the claim: a case expires once.
 */
export async function expireUnusedAnswers(opts: { db?: Executor; now?: Date } = {}) {
  const db = opts.db ?? (await getDb());
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const due = tx
      .select({ id: vendorCases.id })
      .from(vendorCases)
      .where(and(eq(vendorCases.status, "result_received"), lte(vendorCases.expiresAt, now)))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    const expired = await tx
      .update(vendorCases)
      .set({
        status: "expired",
        closedReason: "expired_unused",
        closedAt: now,
        notes: sql`concat_ws(E'\\n', ${vendorCases.notes}, 'Expired unused: the answer was not used before its deadline.')`,
      })
      .where(and(inArray(vendorCases.id, due), eq(vendorCases.status, "result_received")))
      .returning({ id: vendorCases.id, visitId: vendorCases.visitId, attemptId: vendorCases.attemptId });
    if (expired.length === 0) return { cases: 0, mails: 0, visitsBackOnSite: 0 };
    // The attempt that waited on each takes its final outcome, as when a technician closes a case with no usable answer.
    const settled = await tx
      .update(attempts)
      .set({ outcome: "failed", updatedAt: now })
      .where(
        and(
          inArray(
            attempts.id,
            expired.map((c) => c.attemptId),
          ),
          eq(attempts.outcome, "waiting_vendor"),
        ),
      )
      .returning({ id: attempts.id, visitId: attempts.visitId });
    for (const a of settled)
      await audit(tx, {
        actorId: null,
        action: "attempt.settle",
        entityType: "attempt",
        entityId: a.id,
        details: { visitId: a.visitId, before: { outcome: "waiting_vendor" }, after: { outcome: "failed" }, reason: "vendor answer expired unused" },
        ip: null,
      });
    const facts = await caseFacts(
      tx,
      expired.map((c) => c.id),
    );
    const released = new Set<string>();
    for (const c of facts) {
      await audit(tx, {
        actorId: null,
        action: "vendor_case.expire",
        entityType: "vendor_case",
        entityId: c.id,
        details: { expiresAt: c.expiresAt },
        ip: null,
      });
      // Lock the visit as the field functions do before moving it.
      const [v] = await tx.select({ id: visits.id, status: visits.status }).from(visits).where(eq(visits.id, c.visitId)).for("update");
      if (v && (await releaseVisit(tx, null, v, c.id, now, null))) released.add(c.id);
    }
    const s = await getSettings(tx);
    const mails = await mailAbout(tx, "expired", facts, s, released);
    return { cases: expired.length, mails, visitsBackOnSite: released.size };
  });
}

registerJob({
  name: "vendor-case-clocks",
  everyMs: 60_000,
  run: async () => {
    await expireUnusedAnswers();
    await warnExpiringAnswers();
    await mailOverdueCases();
  },
});
