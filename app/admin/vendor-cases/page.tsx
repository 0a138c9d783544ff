import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { formatDateTime } from "@/lib/format/dates";
import { deviceLabel, VENDOR_LABELS } from "@/lib/values/labels";
import { Pager } from "@/app/_ui/pager";
import type { Actor } from "@/lib/auth/permissions";
import {
  countVendorCases,
  DUE_SOON_HOURS,
  listVendorCases,
  VENDOR_CASE_VIEWS,
  vendorCaseView,
  type VendorCaseFilter,
  type VendorCaseView,
} from "@/lib/vendor-cases/read";
import { EmptyState } from "@/app/_ui/empty-state";
import { getSettings } from "@/lib/settings/company";
import { Countdown } from "@/app/_ui/countdown";
import { clockState, DO_NOT_REBOOT } from "@/lib/vendor-cases/clock";
import { readPageOrFirst } from "@/lib/platform/pagination";
import { ViewTabs } from "@/app/_ui/view-tabs";

export const metadata: Metadata = { title: "Vendor cases" };

function age(hours: number) {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.floor(hours)} h`;
  return `${Math.floor(hours / 24)} d ${Math.floor(hours % 24)} h`;
}

const PAGE_SIZE = 100;

const VIEWS = VENDOR_CASE_VIEWS;
type View = VendorCaseView;

/** Open cases, oldest due first; a cursor that no longer reads starts again from the first page. */
async function load(actor: Actor, filter: VendorCaseFilter, cursor: string | undefined) {
  return (await readPageOrFirst(cursor, (c) => listVendorCases(actor, filter, { limit: PAGE_SIZE, cursor: c }))).page;
}

export default async function VendorCasesPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[]; due?: string | string[] }> }) {
  const actor = await requirePagePermission("vendor-cases:read-all");
  const { cursor, due } = await searchParams;
  const view = vendorCaseView(due);
  const now = new Date();
  const [page, s, counts] = await Promise.all([
    load(actor, VIEWS[view].filter, typeof cursor === "string" && cursor ? cursor : undefined),
    getSettings(),
    Promise.all((Object.keys(VIEWS) as View[]).map(async (v) => [v, await countVendorCases(actor, VIEWS[v].filter, now)] as const)),
  ]);
  const count = Object.fromEntries(counts) as Record<View, number>;
  const cases = page.data;
  /** The clock that matters now: the answer's expiry once it is in, else when the answer is due. */
  const deadline = (c: (typeof cases)[number]) => (c.status === "result_received" && c.expiresAt ? c.expiresAt : c.dueAt);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Open vendor cases</h1>
      <p className="text-slate-700">
        {count.open} open, {count.overdue} overdue. Answers are due {s.vendorCaseDueHours} h after sending; once in, each lives as long as its method says:
        apply it soon.
      </p>
      <ViewTabs
        label="Vendor cases by due time"
        current={view}
        tabs={(Object.keys(VIEWS) as View[]).map((v) => ({
          key: v,
          label: VIEWS[v].label,
          count: count[v],
          href: v === "open" ? "/admin/vendor-cases" : `/admin/vendor-cases?due=${v}`,
          testId: `vendor-tab-${v}`,
        }))}
      />
      {cases.length === 0 ? (
        <EmptyState
          title={
            view === "open"
              ? "Nothing is waiting on a vendor."
              : view === "overdue"
                ? "Nothing is overdue."
                : `Nothing falls due in the next ${DUE_SOON_HOURS} h.`
          }
        >
          A case opens when a technician logs an attempt that waits on the vendor (ConfigTool XML, SADP export, a support code).
        </EmptyState>
      ) : null}
      {cases.length ? (
        <div className="card overflow-x-auto p-0 sm:p-0">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Vendor
                </th>
                <th scope="col" className="px-3 py-2">
                  Device
                </th>
                <th scope="col" className="px-3 py-2">
                  Customer
                </th>
                <th scope="col" className="px-3 py-2">
                  Visit
                </th>
                <th scope="col" className="px-3 py-2">
                  Sent
                </th>
                <th scope="col" className="px-3 py-2">
                  Age
                </th>
                <th scope="col" className="px-3 py-2">
                  Clock
                </th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr
                  key={c.id}
                  className={`border-b border-slate-100 align-top ${c.overdue || clockState(deadline(c), now) !== "ok" ? "bg-red-50" : ""}`}
                  data-testid="vendor-case-row"
                >
                  <td className="max-w-64 px-3 py-2">
                    <span className="font-medium">{VENDOR_LABELS[c.vendor]}</span>
                    <span className="block text-xs text-slate-700">{c.methodName}</span>
                    <span className="mt-1 block text-xs font-medium text-red-900">{c.doNotReboot ?? DO_NOT_REBOOT}</span>
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/admin/devices/${c.deviceId}`}>{deviceLabel(c.device)}</Link>
                    {c.device.serial ? <span className="block text-xs text-slate-600">S/N {c.device.serial}</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/admin/customers/${c.customerId}`}>{c.customerName}</Link>
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/admin/visits/${c.visitId}`}>{c.visitReference}</Link>
                    <span className="block text-xs text-slate-600">{c.technicianName ?? "unassigned"}</span>
                  </td>
                  <td className="px-3 py-2">
                    {c.whatWasSent}
                    <span className="block text-xs text-slate-600">{formatDateTime(c.sentAt, s)}</span>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{age(c.ageHours)}</td>
                  <td className="px-3 py-2">
                    {c.status === "result_received" ? (
                      <>
                        <span className="block text-xs font-medium">Answer in, not yet used</span>
                        {c.expiresAt ? (
                          <>
                            <Countdown
                              deadline={c.expiresAt.toISOString()}
                              now={now.toISOString()}
                              label="left to use it"
                              pastLabel="Expired"
                              testId="expiry-clock"
                            />
                            <span className="block text-xs text-slate-600">Expires {formatDateTime(c.expiresAt, s)}</span>
                          </>
                        ) : (
                          <span className="block text-xs text-slate-600">How long it lives: unknown</span>
                        )}
                      </>
                    ) : (
                      <>
                        <Countdown
                          deadline={c.dueAt.toISOString()}
                          now={now.toISOString()}
                          label="until the answer is due"
                          pastLabel="Answer due"
                          testId="due-clock"
                        />
                        <span className="block text-xs text-slate-600">Due {formatDateTime(c.dueAt, s)}</span>
                      </>
                    )}
                    {c.overdue ? <span className="badge mt-1 bg-red-700 text-white">Overdue</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager
        path="/admin/vendor-cases"
        params={{ due: view === "open" ? undefined : view }}
        prevCursor={page.prevCursor}
        nextCursor={page.nextCursor}
        label="Vendor case pages"
      />
    </div>
  );
}
