import type { VisitSummary } from "@/lib/field/summary";
import type { Jsonified } from "@/lib/platform/json";
import { CHECKLIST_ITEMS } from "@/lib/field/labels";
import { CHECKLIST_ANSWER_LABELS, RELATIONSHIP_LABELS } from "@/lib/values/labels";
import { formatDateTime, formatWeekdayDate, type ZoneAndLocale } from "@/lib/format/dates";

/**
 * What was done on a visit, as its customer sees it (lib/field/summary.ts
 * getVisitSummary scopes who may read it). For the portal and the job page.
 */
export function VisitSummaryView({ summary, zone }: { summary: VisitSummary | Jsonified<VisitSummary>; zone: ZoneAndLocale }) {
  return (
    <div className="space-y-3" data-testid="visit-summary">
      <p className="text-sm text-slate-700">
        {summary.reference} · {formatWeekdayDate(summary.startsAt, zone)} · {summary.address} · {summary.statusLabel}
        {summary.completedAt ? ` ${formatDateTime(summary.completedAt, zone)}` : ""}
      </p>
      {summary.authorization ? (
        <p className="text-sm">
          Authorized by {summary.authorization.personName} ({RELATIONSHIP_LABELS[summary.authorization.relationship].toLowerCase()}).
        </p>
      ) : null}
      <ul className="space-y-2">
        {summary.devices.map((d, i) => (
          <li key={i} className="rounded-lg border border-slate-200 p-3">
            <p className="font-semibold">
              {d.label}
              {d.serial ? <span className="font-normal text-slate-600"> · S/N {d.serial}</span> : null}
            </p>
            <p>{d.result}</p>
            {d.methods.length ? (
              <ol className="mt-1 list-decimal pl-5 text-sm text-slate-700">
                {d.methods.map((m) => (
                  <li key={m.seq}>
                    {m.name}: {m.outcomeLabel.toLowerCase()}
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ul>
      {summary.checklist ? (
        <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1 text-sm">
          {CHECKLIST_ITEMS.map((item) => (
            <div key={item.key} className="contents">
              <dt>{item.label}</dt>
              <dd className="font-semibold">{CHECKLIST_ANSWER_LABELS[summary.checklist![item.key]]}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
