import Link from "next/link";
import type { ReactNode } from "react";
import { ScrollRegion } from "@/app/_ui/scroll-region";
import { filtersToQuery, type ReportFilters } from "@/lib/reports/filters";
import { BRAND_LABELS, KIND_LABELS, labelOf, RECOVERY_OPTION_LABELS, SEAL_LABELS } from "@/lib/values/labels";

/** The report's filters in words, for the heading of a drill-down list. */
export function describeFilters(f: ReportFilters, technicianName?: string, customerName?: string): string[] {
  const out: string[] = [];
  if (f.from && f.to) out.push(f.from === f.to ? `on ${f.from}` : `${f.from} to ${f.to}`);
  else if (f.from) out.push(`from ${f.from}`);
  else if (f.to) out.push(`until ${f.to}`);
  if (f.brand) out.push(labelOf(BRAND_LABELS, f.brand));
  if (f.kind) out.push(labelOf(KIND_LABELS, f.kind));
  if (f.model) out.push(`model contains “${f.model}”`);
  if (f.firmware) out.push(`firmware contains “${f.firmware}”`);
  if (f.option) out.push(`had ${labelOf(RECOVERY_OPTION_LABELS, f.option).toLowerCase()}`);
  if (f.seal) out.push(`warranty seal: ${labelOf(SEAL_LABELS, f.seal).toLowerCase()}`);
  if (f.attempt) out.push(f.attempt === "first" ? "first attempt on the device" : "later attempts on the device");
  if (f.technician) out.push(`technician: ${technicianName ?? f.technician}`);
  if (f.customer) out.push(`customer: ${customerName ?? f.customer}`);
  return out;
}

/** Heading, what the list holds, its count and the way back to the report with the same filters. */
export function DrillHeader({ title, filters, words, count, noun }: { title: string; filters: ReportFilters; words: string[]; count: number; noun: string }) {
  const q = filtersToQuery(filters);
  return (
    <div className="space-y-2">
      <p>
        <Link href={`/admin/reports${q ? `?${q}` : ""}`} className="text-sm font-medium">
          ← Back to the report
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="text-slate-700">{words.length ? words.join(" · ") : "All history, no filters."}</p>
      <p className="font-medium" data-testid="drill-count">
        {count} {noun}
      </p>
    </div>
  );
}

export function DrillTable({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <ScrollRegion label={caption} className="card p-0 sm:p-0">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-3 py-2">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

export const cell = "px-3 py-2 align-top";

/** A drill-down page whose address does not read: its heading, each bad filter's message and the way back. */
export function BadFilters({ title, errors }: { title: string; errors: Record<string, string> }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <div role="alert" className="card border-red-300 text-red-800">
        <p className="font-medium">These filters are not valid:</p>
        <ul className="list-disc pl-5">
          {Object.entries(errors).map(([k, m]) => (
            <li key={k}>
              {k}: {m}
            </li>
          ))}
        </ul>
        <p className="mt-2">
          <Link href="/admin/reports">Open the report</Link>
        </p>
      </div>
    </div>
  );
}
