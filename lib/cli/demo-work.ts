/** The work done on a completed demo visit: an authorization, attempts in playbook order until one works (at each method's made-up true rate), vendor cases and a checklist. */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DateTime } from "luxon";
import type { Tx } from "@/db/client";
import {
  attempts,
  authorizations,
  checklists,
  vendorCases,
  visitDevices,
  type AttemptOutcome,
  type Brand,
  type DeviceKind,
  type RecoveryMethod,
  type RecoveryOptions,
} from "@/db/schema";
import { answerExpiresAt } from "@/lib/vendor-cases/clock";
import { chance, FIRST, LAST, pick, rand } from "./demo-random";

/** How often each method works in this fictional company's history (when its requirement is met). */
const TRUE_RATE: Record<string, number> = {
  dahua_qr_dmss: 0.88,
  dahua_security_questions: 0.7,
  dahua_reset_button: 0.82,
  dahua_configtool_xml: 0.93,
  dahua_support_serial_date: 0.75,
  dahua_reset_button_ipc: 0.9,
  hik_guid_file: 0.85,
  hik_security_questions: 0.65,
  hik_reserved_email_qr: 0.9,
  hik_hikconnect_verify: 0.72,
  hik_sadp_export: 0.88,
  hik_sadp_security_code: 0.6,
  hik_reset_button_ipc: 0.9,
  hik_tftp_reflash: 0.7,
  lorex_app_temp_password: 0.86,
  lorex_support_temp_password: 0.8,
  lorex_security_questions: 0.6,
  lorex_default_credentials: 0.35,
  lorex_reset_button: 0.5,
};

function applicable(methods: RecoveryMethod[], brand: Brand, kind: DeviceKind, opts: RecoveryOptions) {
  return methods
    .filter((m) => m.id !== "other" && m.brands.includes(brand) && (m.kinds.length === 0 || m.kinds.includes(kind)))
    .filter((m) => m.requiresOptions.every((o) => opts[o] !== "no"))
    .sort((a, b) => a.sortOrder - b.sortOrder);
}

/** A completed visit's facts: authorization, attempts in playbook order until one works, vendor cases, checklist. */
export async function simulateWork(
  tx: Tx,
  v: {
    visitId: string;
    techId: string;
    start: DateTime;
    devs: { id: string; brand: Brand; kind: DeviceKind; opts: RecoveryOptions }[];
    methods: RecoveryMethod[];
  },
) {
  await tx.insert(authorizations).values({
    visitId: v.visitId,
    personName: `${pick(FIRST)} ${pick(LAST)}`,
    relationship: pick(["owner", "owner", "manager", "installer"] as const),
    statement: "I own or administer these devices and authorize the technician to recover access.",
    typedAcknowledgement: "Acknowledged on site",
    recordedBy: v.techId,
    recordedAt: v.start.plus({ minutes: 5 }).toJSDate(),
  });
  let clock = v.start.plus({ minutes: 10 });
  for (const dev of v.devs) {
    const plan = applicable(v.methods, dev.brand, dev.kind, dev.opts).slice(0, 4);
    let seq = 0;
    for (const m of plan) {
      const met = m.requiresOptions.every((o) => dev.opts[o] === "yes");
      const p = (TRUE_RATE[m.id] ?? 0.5) * (m.requiresOptions.length && !met ? 0.4 : 1);
      const ok = chance(p);
      const minutes = Math.max(2, Math.round((m.typicalMinutes ?? 15) * (0.5 + rand())));
      const started = clock;
      clock = clock.plus({ minutes });
      let outcome: AttemptOutcome = ok ? "succeeded" : chance(0.1) ? "abandoned" : "failed";
      if (m.vendorPending && ok) outcome = "waiting_vendor";
      const attemptId = randomUUID();
      await tx.insert(attempts).values({
        id: attemptId,
        visitId: v.visitId,
        deviceId: dev.id,
        methodId: m.id,
        seq: ++seq,
        technicianId: v.techId,
        startedAt: started.toJSDate(),
        endedAt: clock.toJSDate(),
        durationSeconds: minutes * 60,
        outcome,
        createdAt: clock.toJSDate(),
        updatedAt: clock.toJSDate(),
      });
      if (outcome === "waiting_vendor") {
        const hours = 6 + Math.floor(rand() * 60);
        const sent = clock;
        const received = sent.plus({ hours });
        // About one answer in seven dies before it is used (a reboot, or the end of Lorex's day): the reports count them.
        const lost = chance(0.15);
        const expiresAt = answerExpiresAt(m.answerValidity, received.toJSDate(), v.start.zoneName ?? "UTC");
        await tx.insert(vendorCases).values({
          attemptId,
          visitId: v.visitId,
          deviceId: dev.id,
          vendor: dev.brand,
          whatWasSent: "Password reset request export",
          sentAt: sent.toJSDate(),
          dueAt: sent.plus({ hours: 48 }).toJSDate(),
          status: lost ? "expired" : "closed",
          closedReason: lost ? (expiresAt ? "expired_unused" : "voided") : "answered",
          resultReceivedAt: received.toJSDate(),
          expiresAt,
          closedAt: lost && expiresAt ? expiresAt : received.toJSDate(),
        });
        await tx.insert(attempts).values({
          visitId: v.visitId,
          deviceId: dev.id,
          methodId: m.id,
          seq: ++seq,
          technicianId: v.techId,
          startedAt: received.toJSDate(),
          endedAt: received.plus({ minutes: 10 }).toJSDate(),
          durationSeconds: 600,
          outcome: lost ? "failed" : "succeeded",
          notes: lost ? "The vendor's answer expired before it could be used" : "Vendor result imported",
          createdAt: received.toJSDate(),
          updatedAt: received.toJSDate(),
        });
        if (lost) continue;
        break;
      }
      if (ok) break;
    }
    if (seq === 0)
      await tx
        .update(visitDevices)
        .set({ notAttemptedReason: "No applicable method on site" })
        .where(and(eq(visitDevices.visitId, v.visitId), eq(visitDevices.deviceId, dev.id)));
  }
  await tx.insert(checklists).values({
    visitId: v.visitId,
    patternLockSet: pick(["yes", "yes", "no", "na"] as const),
    configExported: pick(["yes", "yes", "yes", "no"] as const),
    recoveryEmailUpdated: pick(["yes", "yes", "no"] as const),
    answeredBy: v.techId,
    answeredAt: clock.toJSDate(),
  });
}
