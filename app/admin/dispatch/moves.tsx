"use client";
import Link from "next/link";
import { Undo2 } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { toastFailed, toastSaved } from "@/app/_ui/notify";
import { undoMoveAction } from "./actions";
import { announceDispatch } from "./dispatch-status";

/** A move made on this board: where the visit went, in words, for the strip and the highlight. */
export type RecentMove = { visitId: string; reference: string; summary: string; day: string };

type Moves = {
  recent: RecentMove[];
  /** After a move worked: highlight the card, list it with an Undo, toast it. */
  moved: (m: RecentMove, message: string) => void;
  undo: (visitId: string) => void;
  isRecent: (visitId: string) => boolean;
  pendingUndo: string | null;
};

const MovesContext = createContext<Moves | null>(null);

/** The board's moves, or null outside the board (the visit page's Move dialog). */
export const useMoves = () => useContext(MovesContext);

/**
 * Remembers the moves made here (newest first, five at most) so a moved card
 * stays findable with an Undo: highlighted where it landed, and listed above
 * the board even when it left the days shown. Undo asks the server
 * (lib/dispatch/undo.ts), which puts it back if nothing changed since.
 */
export function MovesProvider({ children }: { children: ReactNode }) {
  const [recent, setRecent] = useState<RecentMove[]>([]);
  const [pendingUndo, setPendingUndo] = useState<string | null>(null);

  const undo = useCallback(async (visitId: string) => {
    setPendingUndo(visitId);
    try {
      const r = await undoMoveAction({ visitId });
      if (r.ok) {
        setRecent((xs) => xs.filter((x) => x.visitId !== visitId));
        const text = `${r.data.reference} is back where it was.${r.data.mailWithdrawn ? " The customer was not emailed." : r.data.emailed ? " The customer will be emailed." : ""}`;
        toastSaved(text, { id: `move-${visitId}` });
        announceDispatch(text);
      } else {
        toastFailed(r.error, { id: `move-${visitId}` });
        announceDispatch(r.error, "error");
      }
    } catch {
      toastFailed("We could not reach the server. Check your connection and try again.", { id: `move-${visitId}` });
    } finally {
      setPendingUndo(null);
    }
  }, []);

  const moved = useCallback(
    (m: RecentMove, message: string) => {
      setRecent((xs) => [m, ...xs.filter((x) => x.visitId !== m.visitId)].slice(0, 5));
      toastSaved(message, { id: `move-${m.visitId}`, action: { label: "Undo", onClick: () => void undo(m.visitId) } });
      announceDispatch(message);
    },
    [undo],
  );

  const value = useMemo<Moves>(
    () => ({ recent, moved, undo: (id) => void undo(id), isRecent: (id) => recent.some((r) => r.visitId === id), pendingUndo }),
    [recent, moved, undo, pendingUndo],
  );
  return <MovesContext value={value}>{children}</MovesContext>;
}

/** "Just moved": each recent move with where it went, Open, the board on its day, and Undo. */
export function JustMoved({ view }: { view: string }) {
  const m = useMoves();
  if (!m || m.recent.length === 0) return null;
  return (
    <section aria-labelledby="just-moved-title" className="rounded-xl border border-amber-300 bg-amber-50 p-3" data-testid="just-moved">
      <h2 id="just-moved-title" className="mb-1 text-sm font-semibold text-amber-950">
        Just moved
      </h2>
      <ul className="space-y-1 text-sm">
        {m.recent.map((r) => (
          <li key={r.visitId} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>
              <Link href={`/admin/visits/${r.visitId}`} className="font-mono font-semibold">
                {r.reference}
              </Link>{" "}
              → {r.summary}
            </span>
            <Link href={`/admin/dispatch?view=${view}&date=${r.day}`} className="text-sm">
              Show that day
            </Link>
            <button
              type="button"
              className="inline-flex min-h-11 items-center gap-1 rounded-md px-2 font-semibold text-amber-950 underline-offset-2 hover:underline disabled:opacity-60"
              disabled={m.pendingUndo === r.visitId}
              aria-busy={m.pendingUndo === r.visitId || undefined}
              onClick={() => m.undo(r.visitId)}
            >
              <Undo2 aria-hidden className="size-4" />
              {m.pendingUndo === r.visitId ? "Undoing…" : "Undo"}
              <span className="sr-only"> the move of {r.reference}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
