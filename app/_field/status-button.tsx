"use client";
import { useEffect, useState } from "react";
import { ActionButton } from "@/app/_ui/action-button";
import { savedText, useFieldWriter } from "./write-context";
import { VISIT_STATUS_LABELS } from "@/lib/values/labels";
import type { VisitStatus } from "@/lib/values";
import { STATUS_UNDO_SECONDS } from "@/lib/field/moves";

/**
 * One tap moves the visit along (on my way, arrived). `focusAfter`: the id of the element that
 * takes the focus once it worked, when this button goes away with the move (keyboard users
 * would otherwise be left at the top of the page).
 */
export function StatusButton({
  visitId,
  to,
  label,
  className = "btn-primary w-full",
  focusAfter,
}: {
  visitId: string;
  to: "en_route" | "on_site";
  label: string;
  className?: string;
  focusAfter?: string;
}) {
  const { write, queued } = useFieldWriter();
  return (
    <ActionButton
      action={() => write("visit.advance", { visitId, to })}
      label={label}
      doneMessage={`${savedText(queued, `“${label}”`)} You can undo it for ${STATUS_UNDO_SECONDS} s.`}
      pendingLabel="Saving…"
      className={className}
      block
      onDone={() => {
        if (focusAfter) document.getElementById(focusAfter)?.focus();
      }}
    />
  );
}

/** Seconds left until `until`, ticking once a second; 0 once it has passed. */
function useSecondsLeft(until: string) {
  const left = () => Math.max(0, Math.ceil((new Date(until).getTime() - Date.now()) / 1000));
  const [s, setS] = useState(left);
  useEffect(() => {
    const t = setInterval(() => setS(left()), 1000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `left` reads only `until`
  }, [until]);
  return s;
}

/**
 * "Undo" for the status tap just made, while its window lasts (lib/field/moves.ts): the visit goes back and the
 * customer's "on my way" email, still waiting in the outbox, is never sent. Gone once the window has passed.
 */
export function UndoStatusButton({ visitId, undo }: { visitId: string; undo: { from: VisitStatus; to: VisitStatus; undoUntil: string } }) {
  const { write, queued } = useFieldWriter();
  const left = useSecondsLeft(undo.undoUntil);
  if (left === 0) return null;
  const what = VISIT_STATUS_LABELS[undo.to];
  return (
    <div className="flex w-full flex-col gap-1" data-testid="undo-status">
      {/* Not a live region: the tap's toast already said it (app/_ui/notify.ts). */}
      <p className="text-sm text-slate-700">
        Marked “{what}”.{undo.to === "en_route" ? " The customer is emailed once the undo time is over." : ""}
      </p>
      <ActionButton
        action={() => write("visit.undo_status", { visitId })}
        label={
          <>
            Undo “{what}”{" "}
            <span aria-hidden="true" suppressHydrationWarning>
              ({left} s)
            </span>
          </>
        }
        ariaLabel={`Undo “${what}”, back to ${VISIT_STATUS_LABELS[undo.from].toLowerCase()}`}
        pendingLabel="Undoing…"
        doneMessage={queued ? `“${what}” undone on this phone.` : `“${what}” undone.`}
        className="btn-secondary w-full"
        block
      />
    </div>
  );
}
