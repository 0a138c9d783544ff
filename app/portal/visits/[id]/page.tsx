import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePermission } from "@/app/_ui/guard";
import { VisitSummaryView } from "@/app/_field/visit-summary";
import { getVisitSummary } from "@/lib/field/summary";
import { getMyVisit } from "@/lib/booking/my-visits";
import { NotFoundError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { StatusBadge } from "@/app/_ui/status-badge";
import { ManageVisit } from "./manage-visit";
import { publicPricing } from "@/lib/billing/price-list";

export const metadata: Metadata = { title: "Visit" };

async function load(id: string) {
  const actor = await requirePagePermission("area:portal");
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  try {
    return await getMyVisit(actor, id);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export default async function VisitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [d, s, pricing] = await Promise.all([load(id), getSettings(), publicPricing()]);
  const v = d.visit;
  // Once work has started, show the same summary the customer is emailed at completion.
  const summary = ["on_site", "waiting_vendor", "completed"].includes(v.status)
    ? await getVisitSummary(await requirePagePermission("area:portal"), v.visitId)
    : null;
  const active = v.status === "scheduled" || v.status === "requested";
  return (
    <div className="space-y-4">
      <p>
        <Link href="/portal">← My visits</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        {/* Focused after a cancel (the change panel is gone): read with its status. */}
        <h1 id="visit-title" tabIndex={-1} aria-describedby="visit-status" className="text-2xl font-bold">
          Visit {v.reference}
        </h1>
        <StatusBadge status={v.status} id="visit-status" />
      </div>
      <section className="card" aria-label="Visit details">
        <dl className="grid gap-2 sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-slate-600">When</dt>
          <dd data-testid="visit-window">{v.window}</dd>
          <dt className="font-medium text-slate-600">Technician</dt>
          <dd>{v.technicianFirstName ?? "To be assigned"}</dd>
          <dt className="font-medium text-slate-600">Address</dt>
          <dd>{v.address}</dd>
          {d.bookingNotes ? (
            <>
              <dt className="font-medium text-slate-600">Your notes</dt>
              <dd className="whitespace-pre-line">{d.bookingNotes}</dd>
            </>
          ) : null}
          {d.cancelReason && v.status === "cancelled" ? (
            <>
              <dt className="font-medium text-slate-600">Cancelled</dt>
              <dd>{d.cancelReason}</dd>
            </>
          ) : null}
        </dl>
        {v.status !== "cancelled" ? (
          <p className="mt-3">
            <a href={`/portal/visits/${v.visitId}/calendar`} download>
              Add to calendar (.ics)
            </a>
          </p>
        ) : null}
      </section>
      {active ? (
        d.canChange ? (
          <ManageVisit
            visitId={v.visitId}
            pricing={pricing}
            devices={d.devices.map((x) => ({ brand: x.brand, kind: x.kind }))}
            currentStart={new Date(v.start).toISOString()}
          />
        ) : (
          <section className="card" data-testid="call-to-change">
            <h2 className="text-lg font-semibold">Need to change this visit?</h2>
            <p className="mt-1">
              Visits can be changed online until {s.cancelCutoffHours} hours before they start. Please call us at{" "}
              <a href={`tel:${d.companyPhone.replace(/[^\d+]/g, "")}`}>{d.companyPhone}</a>.
            </p>
          </section>
        )
      ) : null}
      {summary ? (
        <section className="card" aria-labelledby="devices-work">
          <h2 id="devices-work" className="mb-2 text-lg font-semibold">
            What was done
          </h2>
          <VisitSummaryView summary={summary} zone={s} />
        </section>
      ) : (
        <section className="card" aria-labelledby="devices-work">
          <h2 id="devices-work" className="mb-2 text-lg font-semibold">
            Devices
          </h2>
          <ul className="space-y-3">
            {d.devices.map((dev) => (
              <li key={dev.deviceId} className="rounded-lg border border-slate-200 p-3" data-testid="visit-device">
                <p className="font-medium">{dev.label}</p>
                {dev.problem ? <p className="text-sm text-slate-700">Your description: {dev.problem}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
