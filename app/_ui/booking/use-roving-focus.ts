"use client";
import { useState, type KeyboardEvent } from "react";

const NEXT = new Set(["ArrowRight", "ArrowDown"]);
const PREV = new Set(["ArrowLeft", "ArrowUp"]);

/**
 * One tab stop for a row of buttons (roving tabindex): Tab enters at the chosen button (or
 * the first), the arrow keys, Home and End move the focus along the row, Enter or Space picks.
 * A long strip of days then costs one Tab instead of thirty.
 */
export function useRovingFocus(count: number, chosen: number) {
  const [focused, setFocused] = useState<number | null>(null);
  const current = focused !== null && focused < count ? focused : Math.max(0, chosen);
  return {
    itemProps: (i: number) => ({
      tabIndex: i === current ? 0 : -1,
      onFocus: () => setFocused(i),
    }),
    onKeyDown: (ev: KeyboardEvent<HTMLElement>) => {
      let to: number | null = null;
      if (NEXT.has(ev.key)) to = Math.min(count - 1, current + 1);
      else if (PREV.has(ev.key)) to = Math.max(0, current - 1);
      else if (ev.key === "Home") to = 0;
      else if (ev.key === "End") to = count - 1;
      if (to === null) return;
      ev.preventDefault();
      const buttons = ev.currentTarget.querySelectorAll<HTMLElement>("[data-roving]");
      buttons[to]?.focus();
    },
    /** Forget where the focus was (e.g. the list changed): Tab enters at the chosen item again. */
    reset: () => setFocused(null),
  };
}
