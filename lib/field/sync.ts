/**
 * What the technician's phone keeps (GET /api/field/day, GET /api/field/jobs/:id):
 * the jobs of today and tomorrow in full, as JSON, so the job view renders
 * from the phone's store online and offline alike, and the week as a list.
 * The same reads as the pages (getJob, listMyVisits), the same scoping.
 */
import "server-only";
import type { Jsonified } from "@/lib/platform/json";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { currentEstimate } from "@/lib/billing/estimates";
import { onSiteBalance } from "@/lib/billing/payments";
import { maxBackupBytes } from "@/lib/backups/store";
import { getDb } from "@/db/client";
import { getSettings } from "@/lib/settings/company";
import { jobCacheOn, readCachedJob, storeCachedJob, validUntil } from "./job-cache";
import { listMyVisits, rangeBounds } from "./day";
import { getJob, type Job } from "./job";
import { getVisitSummary, type VisitSummary } from "./summary";

export type { Jsonified };

/**
 * Billing on site (lib/billing): the visit's current estimate (to accept on
 * site) and, once completed, its invoice's balance (to take a payment).
 */
export type FieldBilling = {
  estimate: Jsonified<NonNullable<Awaited<ReturnType<typeof currentEstimate>>>> | null;
  balance: Jsonified<NonNullable<Awaited<ReturnType<typeof onSiteBalance>>>> | null;
};

/** One job as the phone stores it: getJob, the customer's summary once completed, and what is billed on site. */
export type FieldJob = Jsonified<Job> & { summary: Jsonified<VisitSummary> | null; billing: FieldBilling | null; fetchedAt: string };

export type FieldDay = {
  syncedAt: string;
  user: { id: string; name: string };
  company: { name: string; timeZone: string; locale: string };
  maxBackupBytes: number;
  /** Company-time-zone bounds of today and tomorrow (ISO). */
  ranges: Record<"today" | "tomorrow" | "week", { from: string; to: string }>;
  /** Today's and tomorrow's jobs, in full. */
  jobs: FieldJob[];
  /** The week ahead, as the day view lists it (jobs beyond tomorrow open online). */
  week: Jsonified<Awaited<ReturnType<typeof listMyVisits>>["visits"]>;
};

const json = <T>(v: T) => JSON.parse(JSON.stringify(v)) as Jsonified<T>;

/** One job as it is built (no cache): whoever may work it (the assigned technician, an admin); anyone else gets "not found". */
export async function buildFieldJob(actor: Actor | null, visitId: string, now = new Date()): Promise<Omit<FieldJob, "fetchedAt">> {
  const job = await getJob(actor, visitId, now);
  const summary = job.visit.status === "completed" ? await getVisitSummary(actor, visitId) : null;
  const billing: FieldBilling | null = can(actor, "billing:take-on-site")
    ? {
        estimate: json(await currentEstimate(actor, visitId)),
        balance: job.visit.status === "completed" ? json(await onSiteBalance(actor, visitId)) : null,
      }
    : null;
  return { ...json(job), summary: summary ? json(summary) : null, billing };
}

/**
 * One job for the phone, as the JSON text of a FieldJob: the stored build while
 * nothing it was built from has changed (lib/field/job-cache.ts), else a fresh
 * one (kept for the next sync). `fetchedAt` is this request's time either way.
 */
export async function getFieldJobJson(actor: Actor | null, visitId: string, now = new Date()): Promise<string> {
  requirePermission(actor, "jobs:work");
  const db = await getDb();
  const cached = jobCacheOn() ? await readCachedJob(db, actor, visitId, now) : null;
  let body = cached?.body ?? null;
  if (body === null) {
    const job = await buildFieldJob(actor, visitId, now);
    body = JSON.stringify(job);
    if (cached) await storeCachedJob(db, actor, visitId, cached.fingerprint, validUntil(job, now), body);
  }
  return `${body.slice(0, -1)},"fetchedAt":${JSON.stringify(now.toISOString())}}`;
}

/** One job for the phone (getFieldJobJson, parsed). */
export async function getFieldJob(actor: Actor | null, visitId: string, now = new Date()): Promise<FieldJob> {
  return JSON.parse(await getFieldJobJson(actor, visitId, now)) as FieldJob;
}

/** The technician's next two days for the phone. */
export async function getFieldDay(actor: Actor | null, now = new Date()): Promise<FieldDay> {
  requirePermission(actor, "visits:read-assigned");
  const s = await getSettings();
  const week = await listMyVisits(actor, "week", now);
  const tomorrowEnd = rangeBounds("tomorrow", now, s.timeZone).to;
  const soon = week.visits.filter((v) => v.startsAt < tomorrowEnd);
  const jobs: FieldJob[] = [];
  for (const v of soon) jobs.push(await getFieldJob(actor, v.id, now));
  const range = (r: "today" | "tomorrow" | "week") => {
    const b = rangeBounds(r, now, s.timeZone);
    return { from: b.from.toISOString(), to: b.to.toISOString() };
  };
  return {
    syncedAt: now.toISOString(),
    user: { id: actor.id, name: actor.name },
    company: { name: s.companyName, timeZone: s.timeZone, locale: s.locale },
    maxBackupBytes: maxBackupBytes(),
    ranges: { today: range("today"), tomorrow: range("tomorrow"), week: range("week") },
    jobs,
    week: json(week.visits),
  };
}
