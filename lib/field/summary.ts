import "server-only";
import { and, eq } from "drizzle-orm";
import { formatDayLabel } from "@/lib/format/dates";
import { getDb, type Executor } from "@/db/client";
import {
  authorizations,
  checklists,
  sites,
  users,
  visits,
  type AttemptOutcome,
  type AuthRelationship,
  type ChecklistAnswer,
  type VisitStatus,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { visitScope } from "@/lib/auth/scopes";
import { NotFoundError } from "@/lib/platform/errors";
import type { CompanySettings } from "@/lib/settings/company";
import { CHECKLIST_ANSWER_LABELS, OUTCOME_LABELS, RELATIONSHIP_LABELS, VISIT_STATUS_LABELS } from "@/lib/values/labels";
import { CHECKLIST_ITEMS } from "./labels";
import { visitDevicesWithAttempts } from "./job";
import { DEVICE_STATE_LABELS, type DeviceState } from "./resolution";

/**
 * What was done on a visit, in the customer's words: per device the methods
 * tried and how it ended, the lockout-prevention checklist, who authorized.
 * No technician notes, no signature, no internal ids beyond the visit's.
 */
export type VisitSummary = {
  visitId: string;
  reference: string;
  status: VisitStatus;
  statusLabel: string;
  startsAt: Date;
  endsAt: Date;
  completedAt: Date | null;
  technicianName: string | null;
  address: string;
  authorization: { personName: string; relationship: AuthRelationship; recordedAt: Date } | null;
  devices: {
    label: string;
    serial: string | null;
    state: DeviceState;
    stateLabel: string;
    /** How it ended, in one line. */
    result: string;
    methods: { seq: number; name: string; outcome: AttemptOutcome; outcomeLabel: string }[];
  }[];
  checklist: { patternLockSet: ChecklistAnswer; configExported: ChecklistAnswer; recoveryEmailUpdated: ChecklistAnswer } | null;
};

/** Build the summary of a visit. NOT scoped: callers must have checked access (getVisitSummary does). */
export async function buildVisitSummary(db: Executor, visitId: string): Promise<VisitSummary> {
  const [v] = await db
    .select({
      id: visits.id,
      reference: visits.reference,
      status: visits.status,
      startsAt: visits.startsAt,
      endsAt: visits.endsAt,
      completedAt: visits.completedAt,
      technicianName: users.name,
      line1: sites.addressLine1,
      city: sites.city,
      region: sites.region,
      postalCode: sites.postalCode,
    })
    .from(visits)
    .innerJoin(sites, eq(sites.id, visits.siteId))
    .leftJoin(users, eq(users.id, visits.technicianId))
    .where(eq(visits.id, visitId));
  if (!v) throw new NotFoundError("Visit not found.");
  const [auth] = await db
    .select({ personName: authorizations.personName, relationship: authorizations.relationship, recordedAt: authorizations.recordedAt })
    .from(authorizations)
    .where(eq(authorizations.visitId, visitId));
  const [cl] = await db
    .select({ patternLockSet: checklists.patternLockSet, configExported: checklists.configExported, recoveryEmailUpdated: checklists.recoveryEmailUpdated })
    .from(checklists)
    .where(eq(checklists.visitId, visitId));
  const devs = await visitDevicesWithAttempts(db, visitId, v.status);
  return {
    visitId: v.id,
    reference: v.reference,
    status: v.status,
    statusLabel: VISIT_STATUS_LABELS[v.status],
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    completedAt: v.completedAt,
    technicianName: v.technicianName,
    address: `${v.line1}, ${v.city}, ${v.region} ${v.postalCode}`,
    authorization: auth ?? null,
    checklist: cl ?? null,
    devices: devs.map((d) => {
      const success = d.attempts.find((a) => a.outcome === "succeeded");
      const result =
        d.state === "recovered"
          ? `Recovered with: ${success!.methodName}.`
          : d.state === "unresolved"
            ? `Not recovered: ${d.closingReason}`
            : d.state === "not_attempted"
              ? `Not attempted: ${d.closingReason}`
              : DEVICE_STATE_LABELS[d.state] + ".";
      return {
        label: d.label,
        serial: d.serial,
        state: d.state,
        stateLabel: DEVICE_STATE_LABELS[d.state],
        result,
        methods: d.attempts.map((a) => ({ seq: a.seq, name: a.methodName, outcome: a.outcome, outcomeLabel: OUTCOME_LABELS[a.outcome] })),
      };
    }),
  };
}

/** The summary of one visit for whoever may read it (visitScope): its customer, its technician, an admin. */
export async function getVisitSummary(actor: Actor | null, visitId: string): Promise<VisitSummary> {
  const scope = visitScope(actor);
  const db = await getDb();
  const [visible] = await db
    .select({ id: visits.id })
    .from(visits)
    .where(and(eq(visits.id, visitId), scope));
  if (!visible) throw new NotFoundError("Visit not found.");
  return buildVisitSummary(db, visitId);
}

/** The completion email: plain text, one block per device, then the checklist. */
export function summaryEmail(s: VisitSummary, settings: Pick<CompanySettings, "companyName" | "companyPhone" | "timeZone" | "locale">) {
  const day = formatDayLabel(s.startsAt, settings);
  const lines = [`Visit ${s.reference} on ${day} at ${s.address}`, s.technicianName ? `Technician: ${s.technicianName}` : "", ""];
  if (s.authorization) lines.push(`Authorized by ${s.authorization.personName} (${RELATIONSHIP_LABELS[s.authorization.relationship].toLowerCase()}).`, "");
  lines.push("What was done:");
  for (const d of s.devices) {
    lines.push(`- ${d.label}${d.serial ? ` (serial ${d.serial})` : ""}: ${d.result}`);
    for (const m of d.methods) lines.push(`    ${m.seq}. ${m.name}: ${m.outcomeLabel.toLowerCase()}`);
  }
  if (s.checklist) {
    lines.push("", "To prevent the next lockout:");
    for (const item of CHECKLIST_ITEMS) lines.push(`- ${item.label}: ${CHECKLIST_ANSWER_LABELS[s.checklist[item.key]]}`);
  }
  lines.push("", `Questions? Call ${settings.companyPhone}.`, "", settings.companyName);
  return { subject: `Your visit summary (${s.reference})`, text: `Hello,\n\n${lines.join("\n")}` };
}
