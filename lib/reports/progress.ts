/**
 * The share of a time-zone move shown on the reports page, in whole percent:
 * rounded down, and never 100 while the move is still under way (its last
 * step may be pending even when the cursor has passed the newest fact).
 */
export function shownProgress(progress: number): number {
  if (!Number.isFinite(progress) || progress <= 0) return 0;
  return Math.min(99, Math.floor(progress * 100));
}
