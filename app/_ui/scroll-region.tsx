import type { ReactNode } from "react";

/**
 * The sideways scroll box of a table wider than a phone. Keyboard users can reach and scroll it
 * (focusable, a named region: axe "scrollable-region-focusable"), and it is the containing block
 * of what it holds (`relative`): an absolutely placed child such as an sr-only label is clipped
 * by the box instead of widening the page (/admin/users was 447 px wide at 390).
 */
export function ScrollRegion({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-700 ${className}`.trim()}
    >
      {children}
    </div>
  );
}
