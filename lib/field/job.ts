import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db/client";
import type { VisitStatus } from "@/lib/values";
import { attempts, authorizations, checklists, customers, devices, recoveryMethods, sites, users, vendorCases, visitDevices, visits } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { loadRecommendationStatsFor, loadTriedMethods } from "@/lib/reports/recommend-data";
import { getSettings } from "@/lib/settings/company";
import { siteColumns } from "@/lib/customers/places";
import { loadWorkVisit } from "./access";
import { deviceFactColumns } from "./devices";
import { buildPlaybook, type PlaybookMethod } from "./playbook";
import { devicesWithConfigBackup, recommendationOrder } from "./recommendation";
import { completionBlockers, deviceState } from "./resolution";
import { deviceLabel } from "@/lib/values/labels";
import { OPEN_CASE_STATUSES } from "@/lib/vendor-cases/open";
import { vendorFileNames } from "./vendor-files";
import { evidenceForJob } from "./evidence-view";
import { describeValidity } from "@/lib/vendor-cases/clock";
import { nextMove } from "./moves";
import { recentStatusChanges } from "./status";

const recorder = alias(users, "recorder");

export const playbookColumns = {
  id: recoveryMethods.id,
  name: recoveryMethods.name,
  brands: recoveryMethods.brands,
  kinds: recoveryMethods.kinds,
  requirements: recoveryMethods.requirements,
  requiresOptions: recoveryMethods.requiresOptions,
  wipesConfig: recoveryMethods.wipesConfig,
  vendorPending: recoveryMethods.vendorPending,
  typicalTime: recoveryMethods.typicalTime,
  typicalMinutes: recoveryMethods.typicalMinutes,
  vendorWaitMinutes: recoveryMethods.vendorWaitMinutes,
  steps: recoveryMethods.steps,
  warnings: recoveryMethods.warnings,
  sortOrder: recoveryMethods.sortOrder,
  requiresDescription: recoveryMethods.requiresDescription,
  active: recoveryMethods.active,
  answerValidity: recoveryMethods.answerValidity,
  voidedBy: recoveryMethods.voidedBy,
  doNotReboot: recoveryMethods.doNotReboot,
  evidence: recoveryMethods.evidence,
};

/** Devices of a visit with their facts, the closing note, their attempts in order and where each stands. Callers scope the visit. */
export async function visitDevicesWithAttempts(db: Executor, visitId: string, visitStatus: VisitStatus) {
  const [devs, atts, cases] = await Promise.all([
    db
      .select({
        id: devices.id,
        ...deviceFactColumns,
        problem: visitDevices.problem,
        closingReason: visitDevices.notAttemptedReason,
      })
      .from(visitDevices)
      .innerJoin(devices, eq(devices.id, visitDevices.deviceId))
      .where(eq(visitDevices.visitId, visitId))
      .orderBy(asc(visitDevices.position), asc(devices.createdAt), asc(devices.id)),
    db
      .select({
        id: attempts.id,
        deviceId: attempts.deviceId,
        seq: attempts.seq,
        methodId: attempts.methodId,
        methodName: recoveryMethods.name,
        outcome: attempts.outcome,
        durationSeconds: attempts.durationSeconds,
        startedAt: attempts.startedAt,
        endedAt: attempts.endedAt,
        notes: attempts.notes,
        description: attempts.description,
        technicianId: attempts.technicianId,
        technicianName: users.name,
        createdAt: attempts.createdAt,
        updatedAt: attempts.updatedAt,
      })
      .from(attempts)
      .innerJoin(recoveryMethods, eq(recoveryMethods.id, attempts.methodId))
      .innerJoin(users, eq(users.id, attempts.technicianId))
      .where(eq(attempts.visitId, visitId))
      .orderBy(asc(attempts.deviceId), asc(attempts.seq)),
    db
      .select({
        id: vendorCases.id,
        attemptId: vendorCases.attemptId,
        deviceId: vendorCases.deviceId,
        vendor: vendorCases.vendor,
        whatWasSent: vendorCases.whatWasSent,
        sentAt: vendorCases.sentAt,
        dueAt: vendorCases.dueAt,
        status: vendorCases.status,
        notes: vendorCases.notes,
        resultReceivedAt: vendorCases.resultReceivedAt,
        expiresAt: vendorCases.expiresAt,
        closedReason: vendorCases.closedReason,
        vendorMailId: vendorCases.vendorMailId,
        closedAt: vendorCases.closedAt,
        requestBackupId: vendorCases.requestBackupId,
        resultBackupId: vendorCases.resultBackupId,
      })
      .from(vendorCases)
      .where(eq(vendorCases.visitId, visitId))
      .orderBy(asc(vendorCases.sentAt)),
  ]);
  return devs.map((d) => {
    const mine = atts.filter((a) => a.deviceId === d.id);
    const myCases = cases.filter((c) => c.deviceId === d.id);
    const openCase = myCases.find((c) => (OPEN_CASE_STATUSES as readonly string[]).includes(c.status)) ?? null;
    return {
      ...d,
      label: deviceLabel(d),
      attempts: mine,
      cases: myCases,
      openCase,
      state: deviceState({ visitStatus, attempts: mine, closingReason: d.closingReason, openVendorCase: !!openCase }),
    };
  });
}

/** Everything the job page shows, for the assigned technician or an admin. */
export async function getJob(actor: Actor | null, visitId: string, now = new Date()) {
  const db = await getDb();
  const v = await loadWorkVisit(db, actor, visitId);
  // The visit's 1:1 rows in one query (an absent authorization or checklist comes back null); the lists and the reference data alongside it.
  const [[info], devs, ofTheseBrands, s] = await Promise.all([
    db
      .select({
        bookingNotes: visits.bookingNotes,
        completedAt: visits.completedAt,
        technicianName: users.name,
        customer: { name: customers.name, phone: customers.phone, email: customers.email },
        site: siteColumns,
        authorization: {
          personName: authorizations.personName,
          relationship: authorizations.relationship,
          statement: authorizations.statement,
          signaturePng: authorizations.signaturePng,
          typedAcknowledgement: authorizations.typedAcknowledgement,
          recordedAt: authorizations.recordedAt,
        },
        authorizationRecordedByName: recorder.name,
        checklist: {
          patternLockSet: checklists.patternLockSet,
          configExported: checklists.configExported,
          recoveryEmailUpdated: checklists.recoveryEmailUpdated,
          notes: checklists.notes,
          answeredAt: checklists.answeredAt,
        },
      })
      .from(visits)
      .innerJoin(customers, eq(customers.id, visits.customerId))
      .innerJoin(sites, eq(sites.id, visits.siteId))
      .leftJoin(users, eq(users.id, visits.technicianId))
      .leftJoin(authorizations, eq(authorizations.visitId, visits.id))
      .leftJoin(recorder, eq(recorder.id, authorizations.recordedBy))
      .leftJoin(checklists, eq(checklists.visitId, visits.id))
      .where(eq(visits.id, v.id)),
    visitDevicesWithAttempts(db, v.id, v.status),
    // The active methods of the brands on this visit (the playbooks and the vendor methods' words need no others).
    db
      .select(playbookColumns)
      .from(recoveryMethods)
      .where(
        and(
          eq(recoveryMethods.active, true),
          sql`${recoveryMethods.brands} && array(select ${devices.brand}::text from ${visitDevices} join ${devices} on ${devices.id} = ${visitDevices.deviceId} where ${visitDevices.visitId} = ${v.id})`,
        ),
      )
      .orderBy(asc(recoveryMethods.sortOrder)),
    getSettings(),
  ]);
  const auth = info!.authorization;
  const methods: PlaybookMethod[] = ofTheseBrands;
  const openCases = devs.filter((d) => d.openCase).length;
  const [files, withBackup, stats, undo, tried, evidence] = await Promise.all([
    vendorFileNames(
      db,
      devs.flatMap((d) => d.cases.flatMap((c) => [c.requestBackupId, c.resultBackupId])),
    ),
    devicesWithConfigBackup(
      db,
      devs.map((d) => d.id),
    ),
    loadRecommendationStatsFor(db, devs),
    recentStatusChanges(db, actor!, [v.id], now),
    loadTriedMethods(
      db,
      devs.map((d) => d.id),
    ),
    evidenceForJob(db, v.id, devs, !!info!.authorization, ofTheseBrands),
  ]);
  const methodById = new Map(ofTheseBrands.map((m) => [m.id, m]));
  return {
    visit: { ...v, bookingNotes: info!.bookingNotes, completedAt: info!.completedAt, technicianName: info!.technicianName },
    /** The one-tap move offered now (none before the visit's day), and the last tap while it can be undone. */
    move: nextMove(v, now, s.timeZone),
    undo: undo.get(v.id) ?? null,
    customer: info!.customer,
    site: info!.site,
    authorization: auth
      ? {
          personName: auth.personName,
          relationship: auth.relationship,
          statement: auth.statement,
          typedAcknowledgement: auth.typedAcknowledgement,
          signatureDataUrl: auth.signaturePng ? `data:image/png;base64,${auth.signaturePng.toString("base64")}` : null,
          recordedAt: auth.recordedAt,
          recordedByName: info!.authorizationRecordedByName!,
        }
      : null,
    devices: devs.map((d, i) => {
      const caseMethod = d.openCase ? methodById.get(d.attempts.find((a) => a.id === d.openCase!.attemptId)?.methodId ?? "") : undefined;
      return {
        ...d,
        playbook: buildPlaybook(methods, d, recommendationOrder(d, methods, withBackup.has(d.id), stats[i]!, tried.get(d.id))),
        openCaseOverdue: !!d.openCase && d.openCase.dueAt.getTime() < now.getTime(),
        /** The open case's method: its clock and its do-not-reboot words. */
        openCaseMethod: caseMethod
          ? {
              id: caseMethod.id,
              name: caseMethod.name,
              answerValidity: caseMethod.answerValidity,
              voidedBy: caseMethod.voidedBy,
              doNotReboot: caseMethod.doNotReboot,
            }
          : null,
        photos: evidence.get(d.id)!.photos,
        /** Per vendor-pending method of the playbook: its evidence checklist, each item present or not. */
        evidence: evidence.get(d.id)!.evidence,
      };
    }),
    checklist: info!.checklist,
    blockers: completionBlockers({
      status: v.status,
      hasAuthorization: !!auth,
      openVendorCases: openCases,
      checklistAnswered: true, // answered in the completion form itself
      devices: devs.map((d) => ({ label: d.label, state: d.state })),
    }),
    vendorFiles: Object.fromEntries(files),
    /** What each vendor-pending method of these devices says about its answer: how long it lives, what voids it, the warning's words. */
    vendorMethods: Object.fromEntries(
      ofTheseBrands
        .filter((m) => m.vendorPending)
        .map((m) => [
          m.id,
          { name: m.name, answerValidity: m.answerValidity, validity: describeValidity(m.answerValidity), voidedBy: m.voidedBy, doNotReboot: m.doNotReboot },
        ]),
    ),
    timeZone: s.timeZone,
    locale: s.locale,
    vendorCaseDueHours: s.vendorCaseDueHours,
    viewerId: actor!.id,
  };
}

export type Job = Awaited<ReturnType<typeof getJob>>;
export type JobDevice = Job["devices"][number];
