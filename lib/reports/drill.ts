/**
 * Drill-down: the attempts (or completed visits) behind a number of the
 * report, with the report's filters plus the cell's (a method, a week, an
 * outcome), a page at a time (keyset), each linking to its visit and device.
 * The count comes from the same rollups as the number on the report; the list
 * from the facts as counted (report_attempts, report_visits), so the two
 * agree (tests).
 */
import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { attempts, devices, recoveryMethods, reportAttempts, reportVisits, users, visits } from "@/db/schema";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { cursorKey, keyset, type PageQuery } from "@/lib/platform/pagination";
import { addDays, weekOf } from "./days";
import { foldForRequest } from "./engine";
import { chooseSource, parseParams, type Params, type ReportFilters } from "./filters";
import { devicePlan, profileConds } from "./device-plan";
import { addHist } from "./probes";
import { rollupAttempts, rollupVisits } from "./queries";
import { allOf, queryRows } from "./sql";
import { rawAttemptConds, RAW_FROM, rawVisitsSql } from "./raw";

export const ATTEMPT_CELLS = ["final", "succeeded", "waiting", "all", "timed"] as const;
export type AttemptCell = (typeof ATTEMPT_CELLS)[number];
export const VISIT_CELLS = ["completed", "fixed"] as const;
export type VisitCell = (typeof VISIT_CELLS)[number];

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const attemptCellSchema = z.object({
  method: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z0-9_]{1,64}$/, { error: "Pick a method from the report." })
      .optional(),
  ),
  week: z.preprocess(blank, z.iso.date({ error: "Enter the week's Monday as YYYY-MM-DD." }).optional()),
  outcome: z.preprocess(blank, z.enum(ATTEMPT_CELLS, { error: "Pick one of: " + ATTEMPT_CELLS.join(", ") + "." }).default("final")),
});
export const visitCellSchema = z.object({
  outcome: z.preprocess(blank, z.enum(VISIT_CELLS, { error: "Pick completed or fixed." }).default("completed")),
});
export type AttemptCellFilter = z.output<typeof attemptCellSchema>;
export type VisitCellFilter = z.output<typeof visitCellSchema>;
export const parseAttemptCell = (p: Params) => parseParams(attemptCellSchema, ["method", "week", "outcome"], p);
export const parseVisitCell = (p: Params) => parseParams(visitCellSchema, ["outcome"], p);

/** The filters narrowed to a week (the trend's bars); null when the week lies outside the range. */
export function narrowToWeek(f: ReportFilters, week: string | undefined): ReportFilters | null {
  if (!week) return f;
  const mon = weekOf(week);
  const from = f.from && f.from > mon ? f.from : mon;
  const sun = addDays(mon, 6);
  const to = f.to && f.to < sun ? f.to : sun;
  return from > to ? null : { ...f, from, to };
}

const OUTCOME_CODES: Record<AttemptCell, number[] | null> = { final: [0, 1, 2], succeeded: [0], waiting: [3], all: null, timed: [0] };

/** How many attempts a cell holds: from the rollups (or, with a customer filter, the raw facts), as the report counts them. */
export async function countAttempts(db: Executor, f: ReportFilters, cell: AttemptCellFilter): Promise<number> {
  const nf = narrowToWeek(f, cell.week);
  if (!nf) return 0;
  if (chooseSource(nf) === "raw") {
    const c = rawAttemptConds(nf);
    if (cell.method) c.push(sql`a.method_id = ${cell.method}`);
    const codes = OUTCOME_CODES[cell.outcome];
    if (codes)
      c.push(
        sql`reports_outcome_code(a.outcome) IN (${sql.join(
          codes.map((x) => sql`${x}`),
          sql`, `,
        )})`,
      );
    if (cell.outcome === "timed") c.push(sql`a.duration_seconds IS NOT NULL`);
    const [r] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${RAW_FROM} WHERE ${c.length ? sql.join(c, sql` AND `) : sql`true`}`);
    return Number(r?.n ?? 0);
  }
  const { plan } = await devicePlan(db, nf);
  const { methods } = await rollupAttempts(db, nf, plan);
  let n = 0;
  for (const m of methods.filter((r) => !cell.method || r.methodId === cell.method)) {
    if (cell.outcome === "timed") n += addHist([], m.hist).reduce((s, x) => s + x, 0);
    else if (cell.outcome === "succeeded") n += m.succeeded;
    else if (cell.outcome === "waiting") n += m.waiting;
    else if (cell.outcome === "final") n += m.succeeded + m.failed + m.abandoned;
    else n += m.succeeded + m.failed + m.abandoned + m.waiting;
  }
  return n;
}

/** How many completed visits (or first-visit fixes) a cell holds, as the report counts them. */
export async function countVisits(db: Executor, f: ReportFilters, cell: VisitCellFilter): Promise<number> {
  if (chooseSource(f) === "raw") {
    const [r] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*) FILTER (WHERE ${cell.outcome === "fixed" ? sql`x.fixed` : sql`true`})::int AS n FROM (${rawVisitsSql(f)}) x`,
    );
    return Number(r?.n ?? 0);
  }
  const { plan } = await devicePlan(db, f);
  return (await rollupVisits(db, f, plan)).filter((v) => v.brand === "*").reduce((s, v) => s + (cell.outcome === "fixed" ? v.fixed : v.completed), 0);
}

/** Profiles the device filters select, as a condition on a profile id column (none: true). */
function profileIn(f: ReportFilters, column: SQL): SQL | undefined {
  const c = profileConds(f);
  return c.length ? sql`${column} IN (SELECT p.id FROM report_profiles p WHERE ${allOf(c)})` : undefined;
}

/** A fact's day range: exact (company-local, as the rollups apply it) and a looser bound on the instant for the index. */
function dayRange(at: SQL, f: ReportFilters): SQL[] {
  const c: SQL[] = [];
  const day = sql`reports_day_of(${at}, (SELECT s FROM report_state s WHERE s.id = 1))`;
  if (f.from) c.push(sql`${at} >= ${addDays(f.from, -2)}::timestamptz`, sql`${day} >= ${f.from}::date`);
  if (f.to) c.push(sql`${at} < ${addDays(f.to, 3)}::timestamptz`, sql`${day} <= ${f.to}::date`);
  return c;
}

const technician = alias(users, "technician");

export type DrillAttempt = {
  id: string;
  at: Date;
  visitId: string;
  visitReference: string;
  deviceId: string;
  brand: string;
  kind: string;
  model: string | null;
  firmware: string | null;
  methodId: string;
  methodName: string;
  outcome: string;
  durationSeconds: number | null;
  technicianName: string | null;
  first: boolean;
};

/** The attempts behind a cell, oldest first, a page at a time, with the cell's count. */
export async function drillAttempts(actor: Actor | null, f: ReportFilters, cell: AttemptCellFilter, page: PageQuery) {
  requirePermission(actor, "reports:read");
  const db = await getDb();
  await foldForRequest(db);
  const count = await countAttempts(db, f, cell);
  const nf = narrowToWeek(f, cell.week);
  const pager = keyset(reportAttempts.at, reportAttempts.attemptId, page);
  if (!nf) return { count, ...pager.page([]) };
  const codes = OUTCOME_CODES[cell.outcome];
  const rows = await db
    .select({
      id: reportAttempts.attemptId,
      at: reportAttempts.at,
      visitId: attempts.visitId,
      visitReference: visits.reference,
      deviceId: attempts.deviceId,
      brand: devices.brand,
      kind: devices.kind,
      model: devices.model,
      firmware: devices.firmware,
      methodId: reportAttempts.method,
      methodName: recoveryMethods.name,
      outcome: attempts.outcome,
      durationSeconds: attempts.durationSeconds,
      technicianName: technician.name,
      first: reportAttempts.first,
      _k: cursorKey(reportAttempts.at),
    })
    .from(reportAttempts)
    .innerJoin(attempts, eq(attempts.id, reportAttempts.attemptId))
    .innerJoin(devices, eq(devices.id, attempts.deviceId))
    .innerJoin(visits, eq(visits.id, attempts.visitId))
    .innerJoin(recoveryMethods, eq(recoveryMethods.id, reportAttempts.method))
    .leftJoin(technician, eq(technician.id, reportAttempts.tech))
    .where(
      and(
        ...dayRange(sql`${reportAttempts.at}`, nf),
        profileIn(nf, sql`${reportAttempts.profile}`),
        nf.technician ? eq(reportAttempts.tech, nf.technician) : undefined,
        nf.customer ? eq(visits.customerId, nf.customer) : undefined,
        nf.attempt ? eq(reportAttempts.first, nf.attempt === "first") : undefined,
        cell.method ? eq(reportAttempts.method, cell.method) : undefined,
        codes
          ? sql`${reportAttempts.outcome} IN (${sql.join(
              codes.map((x) => sql`${x}`),
              sql`, `,
            )})`
          : undefined,
        cell.outcome === "timed" ? sql`${reportAttempts.bucket} >= 0` : undefined,
        pager.where,
      ),
    )
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return { count, ...pager.page(rows) };
}

export type DrillVisit = { id: string; at: Date; reference: string; technicianName: string | null; fixed: boolean };

/** The completed visits behind a first-visit figure, oldest first, a page at a time, with the cell's count. */
export async function drillVisits(actor: Actor | null, f: ReportFilters, cell: VisitCellFilter, page: PageQuery) {
  requirePermission(actor, "reports:read");
  const db = await getDb();
  await foldForRequest(db);
  const count = await countVisits(db, f, cell);
  const pager = keyset(reportVisits.at, reportVisits.visitId, page);
  const profiles = profileIn(f, sql`x`);
  const rows = await db
    .select({
      id: reportVisits.visitId,
      at: reportVisits.at,
      reference: visits.reference,
      technicianName: technician.name,
      fixed: reportVisits.fixed,
      _k: cursorKey(reportVisits.at),
    })
    .from(reportVisits)
    .innerJoin(visits, eq(visits.id, reportVisits.visitId))
    .leftJoin(technician, eq(technician.id, visits.technicianId))
    .where(
      and(
        ...dayRange(sql`${reportVisits.at}`, f),
        f.technician ? eq(reportVisits.tech, f.technician) : undefined,
        f.customer ? eq(visits.customerId, f.customer) : undefined,
        // a visit matches device filters when one of its devices matches all of them (its signature has such a profile)
        profiles ? sql`${reportVisits.sig} IN (SELECT s.id FROM report_sigs s WHERE EXISTS (SELECT 1 FROM unnest(s.profiles) x WHERE ${profiles}))` : undefined,
        cell.outcome === "fixed" ? eq(reportVisits.fixed, true) : undefined,
        pager.where,
      ),
    )
    .orderBy(...pager.orderBy)
    .limit(pager.limit);
  return { count, ...pager.page(rows) };
}
