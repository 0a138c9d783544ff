import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/app/_ui/guard";
import { getBoard, type Board } from "@/lib/dispatch/board";
import { DispatchBoard } from "./board";

export const metadata: Metadata = { title: "Dispatch" };

const href = (view: string, date: string) => `/admin/dispatch?view=${view}&date=${date}`;

function BoardNav({ b }: { b: Board }) {
  const unit = b.view === "week" ? "week" : "day";
  return (
    <nav aria-label="Board dates" className="flex flex-wrap items-end gap-2">
      <Link className="btn-secondary" href={href(b.view, b.prev)}>
        ← Previous {unit}
      </Link>
      <Link className="btn-secondary" href={href(b.view, b.today)}>
        Today
      </Link>
      <Link className="btn-secondary" href={href(b.view, b.next)}>
        Next {unit} →
      </Link>
      <Link
        className="btn-secondary"
        href={href(b.view === "week" ? "day" : "week", b.date)}
        aria-label={b.view === "week" ? "Show day view" : "Show week view"}
      >
        {b.view === "week" ? "Day view" : "Week view"}
      </Link>
      <form method="get" action="/admin/dispatch" className="flex items-end gap-2">
        <input type="hidden" name="view" value={b.view} />
        <div>
          <label htmlFor="board-date" className="label">
            Go to date
          </label>
          <input id="board-date" name="date" type="date" defaultValue={b.date} className="input" />
        </div>
        <button type="submit" className="btn-secondary">
          Go
        </button>
      </form>
    </nav>
  );
}

export default async function DispatchPage({ searchParams }: { searchParams: Promise<{ view?: string; date?: string }> }) {
  const actor = await requirePagePermission("visits:dispatch");
  const sp = await searchParams;
  const b = await getBoard(actor, { view: typeof sp.view === "string" ? sp.view : undefined, date: typeof sp.date === "string" ? sp.date : undefined });
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Dispatch</h1>
        <p className="text-sm text-slate-600">Times in {b.timeZone}</p>
      </div>
      <BoardNav b={b} />
      <DispatchBoard b={b} />
    </div>
  );
}
