"use client";
import { ActionButton } from "@/app/_ui/action-button";
import { useFieldWriter } from "./write-context";

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
  const { write } = useFieldWriter();
  return (
    <ActionButton
      action={() => write("visit.advance", { visitId, to })}
      label={label}
      pendingLabel="Saving…"
      className={className}
      block
      onDone={() => {
        if (focusAfter) document.getElementById(focusAfter)?.focus();
      }}
    />
  );
}
