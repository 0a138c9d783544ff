import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { listMyVisits, type MyVisitRow } from "@/lib/booking/my-visits";
import { StatusBadge } from "@/app/_ui/status-badge";

export const metadata: Metadata = { title: "My visits" };

function VisitList({ visits, empty }: { visits: MyVisitRow[]; empty: React.ReactNode }) {
  if (visits.length === 0) return <p className="text-slate-700">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-200">
      {visits.map((v) => (
        <li key={v.id} className="py-3" data-testid={`visit-${v.reference}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Link href={`/portal/visits/${v.id}`} className="font-semibold">
              {v.window}
            </Link>
            <StatusBadge status={v.status} />
          </div>
          <p className="text-sm text-slate-700">
            {v.reference} · {v.address} · Technician: {v.technicianName ?? "to be assigned"}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default async function PortalHome() {
  const actor = await requirePagePermission("area:portal");
  const { upcoming, past } = await listMyVisits(actor);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Hello, {actor.name}</h1>
        <Link href="/book" className="btn-primary">
          Book a visit
        </Link>
      </div>
      <section className="card" aria-labelledby="upcoming">
        <h2 id="upcoming" className="mb-2 text-lg font-semibold">
          Upcoming visits
        </h2>
        <VisitList
          visits={upcoming}
          empty={
            <>
              You have no upcoming visits. <Link href="/book">Book an on-site visit</Link>.
            </>
          }
        />
      </section>
      <section className="card" aria-labelledby="past">
        <h2 id="past" className="mb-2 text-lg font-semibold">
          Past and cancelled visits
        </h2>
        <VisitList visits={past} empty="None yet." />
      </section>
    </div>
  );
}
