import { DateTime } from "luxon";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_ui/empty-state";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager, StalePageNote } from "@/app/_ui/pager";
import { ViewTabs, type ViewTab } from "@/app/_ui/view-tabs";
import type { Actor } from "@/lib/auth/permissions";
import { listTechnicianChoices } from "@/lib/availability/technicians";
import { todayIn } from "@/lib/availability/time";
import { getSettings } from "@/lib/settings/company";
import { VISIT_STATUSES } from "@/lib/values";
import { VISIT_STATUS_LABELS } from "@/lib/values/labels";
import type { VisitListFilter } from "@/lib/visits/filters";
import { parseVisitListParams, rawVisitListParams, visitListFilter, visitListHref } from "@/lib/visits/list-params";
import { countVisits, listVisitPage } from "@/lib/visits/read";
import { VisitTable } from "../visit-table";
import { readPageOrFirst } from "@/lib/platform/pagination";

export const metadata: Metadata = { title: "Visits" };

const PAGE_SIZE = 50;

/** This page of the list; a cursor that no longer reads (an old or edited link) starts again from the first page. */
function load(actor: Actor, filter: VisitListFilter, cursor: string | undefined, order: "asc" | "desc") {
  return readPageOrFirst(cursor, (c) => listVisitPage(actor, filter, { limit: PAGE_SIZE, cursor: c }, order));
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function VisitsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePagePermission("visits:dispatch");
  const sp = await searchParams;
  const [s, technicians] = await Promise.all([getSettings(), listTechnicianChoices(actor)]);
  const raw = rawVisitListParams(sp);
  const parsed = parseVisitListParams(sp);
  const errors = parsed.ok ? {} : parsed.fieldErrors;
  const today = todayIn(s.timeZone);
  const yesterday = DateTime.fromISO(today).minus({ days: 1 }).toISODate()!;
  const views: ViewTab[] = [
    { key: "today", label: "Today", href: visitListHref({ from: today, to: today }) },
    { key: "upcoming", label: "Upcoming", href: visitListHref({ from: today }) },
    { key: "requests", label: "Requests to schedule", href: visitListHref({ status: "requested" }) },
    { key: "past", label: "Past", href: visitListHref({ to: yesterday, order: "desc" }) },
    { key: "all", label: "All", href: visitListHref({}) },
  ];
  const cursor = typeof sp.cursor === "string" && sp.cursor ? sp.cursor : undefined;
  const result = parsed.ok
    ? await (async () => {
        const filter = visitListFilter(parsed.params, s.timeZone);
        const order = parsed.params.order ?? "asc";
        const [{ page, stale }, total] = await Promise.all([load(actor, filter, cursor, order), countVisits(actor, filter)]);
        return { page, stale, total };
      })()
    : null;
  const current = visitListHref(raw);
  const field = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `vf-${name}-error` } : {});
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Visits</h1>
        <Link href="/admin/book" className="btn-primary">
          Book a visit
        </Link>
      </div>
      <ViewTabs label="Visit views" tabs={views} current={views.find((v) => v.href === current)?.key} />
      <form
        method="get"
        action="/admin/visits"
        className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto] lg:items-end"
        aria-label="Filter visits"
      >
        <div>
          <label htmlFor="vf-status" className="label">
            Status
          </label>
          <select id="vf-status" name="status" defaultValue={raw.status ?? ""} className="input" {...field("status")}>
            <option value="">Any status</option>
            {VISIT_STATUSES.map((st) => (
              <option key={st} value={st}>
                {VISIT_STATUS_LABELS[st]}
              </option>
            ))}
          </select>
          <p id="vf-status-error" className="field-error">
            {errors.status ?? ""}
          </p>
        </div>
        <div>
          <label htmlFor="vf-technician" className="label">
            Technician
          </label>
          <select id="vf-technician" name="technician" defaultValue={raw.technician ?? ""} className="input" {...field("technician")}>
            <option value="">Anyone</option>
            <option value="none">Not assigned yet</option>
            {technicians.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.disabled ? " (disabled)" : ""}
              </option>
            ))}
          </select>
          <p id="vf-technician-error" className="field-error">
            {errors.technician ?? ""}
          </p>
        </div>
        <div>
          <label htmlFor="vf-from" className="label">
            From
          </label>
          <input id="vf-from" name="from" type="date" defaultValue={raw.from ?? ""} className="input" {...field("from")} />
          <p id="vf-from-error" className="field-error">
            {errors.from ?? ""}
          </p>
        </div>
        <div>
          <label htmlFor="vf-to" className="label">
            To
          </label>
          <input id="vf-to" name="to" type="date" defaultValue={raw.to ?? ""} className="input" {...field("to")} />
          <p id="vf-to-error" className="field-error">
            {errors.to ?? ""}
          </p>
        </div>
        {raw.order ? <input type="hidden" name="order" value={raw.order} /> : null}
        <div className="flex gap-2 lg:mb-7">
          <button type="submit" className="btn-secondary">
            Show visits
          </button>
        </div>
      </form>
      {!result ? (
        <p role="alert" className="card border-red-300 text-red-800">
          Some filters are not valid; correct them to see the visits.
        </p>
      ) : (
        <section className="card space-y-3" aria-labelledby="visit-list-title">
          <h2 id="visit-list-title" className="font-semibold" data-testid="visit-total">
            {result.total} visit{result.total === 1 ? "" : "s"}
            <span className="font-normal text-slate-600"> · times in {s.timeZone}</span>
          </h2>
          {result.stale ? <StalePageNote /> : null}
          {result.page.data.length ? (
            <VisitTable rows={result.page.data} zone={s} label="Visits" />
          ) : (
            <EmptyState title="No visits match these filters." action={<Link href="/admin/visits">Show all visits</Link>}>
              Widen the dates or pick another status or technician. To add one, <Link href="/admin/book">book a visit for a customer</Link>.
            </EmptyState>
          )}
          <Pager path="/admin/visits" params={{ ...raw }} prevCursor={result.page.prevCursor} nextCursor={result.page.nextCursor} label="Visit pages" />
        </section>
      )}
    </div>
  );
}
