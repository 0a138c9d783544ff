import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/app/_ui/empty-state";
import { requirePagePermission } from "@/app/_ui/guard";
import { Pager } from "@/app/_ui/pager";
import type { Actor } from "@/lib/auth/permissions";
import { listMyVisits, type MyVisitRow } from "@/lib/booking/my-visits";
import { StatusBadge } from "@/app/_ui/status-badge";
import { readPageOrFirst } from "@/lib/platform/pagination";

export const metadata: Metadata = { title: "My visits" };

const PAGE_SIZE = 20;

/** One list's page; a cursor that no longer reads starts that list from its first page. */
async function load(actor: Actor, which: "upcoming" | "past", cursor: string | undefined) {
  return (await readPageOrFirst(cursor, (c) => listMyVisits(actor, which, { limit: PAGE_SIZE, cursor: c }))).page;
}

function VisitList({ visits, empty }: { visits: MyVisitRow[]; empty: React.ReactNode }) {
  if (visits.length === 0) return <>{empty}</>;
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

type SearchParams = { upcoming?: string | string[]; past?: string | string[] };
const cursorOf = (v: string | string[] | undefined) => (typeof v === "string" && v ? v : undefined);

export default async function PortalHome({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePagePermission("area:portal");
  const sp = await searchParams;
  const [upcoming, past] = await Promise.all([load(actor, "upcoming", cursorOf(sp.upcoming)), load(actor, "past", cursorOf(sp.past))]);
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
          visits={upcoming.data}
          empty={
            <EmptyState title="You have no upcoming visits." compact action={<Link href="/book">Book an on-site visit</Link>}>
              Locked out of a recorder or camera? A technician comes to you.
            </EmptyState>
          }
        />
        <Pager
          path="/portal"
          params={{ past: cursorOf(sp.past) }}
          cursorParam="upcoming"
          prevCursor={upcoming.prevCursor}
          nextCursor={upcoming.nextCursor}
          label="Upcoming visit pages"
        />
      </section>
      <section className="card" aria-labelledby="past">
        <h2 id="past" className="mb-2 text-lg font-semibold">
          Past and cancelled visits
        </h2>
        <VisitList
          visits={past.data}
          empty={
            <EmptyState title="No past visits yet." compact>
              Once a visit is done, it stays here with what the technician did.
            </EmptyState>
          }
        />
        <Pager
          path="/portal"
          params={{ upcoming: cursorOf(sp.upcoming) }}
          cursorParam="past"
          prevCursor={past.prevCursor}
          nextCursor={past.nextCursor}
          label="Past visit pages"
        />
      </section>
    </div>
  );
}
