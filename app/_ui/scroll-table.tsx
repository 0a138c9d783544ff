import type { ReactNode } from "react";

/**
 * A wide table's scroll box: on a phone it scrolls sideways inside the page
 * (the page itself never does). Keyboard users reach it (tabIndex 0: arrow
 * keys scroll it) and screen readers hear its name (a labelled region).
 */
export function ScrollTable({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto focus-visible:outline-2 ${className}`.trim()}>
      {children}
    </div>
  );
}
