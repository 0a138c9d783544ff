import { minutesToTime } from "./time";

const SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export type HoursRow = { weekday: number; startMinute: number; endMinute: number };

/** Rows -> seven days of sorted "HH:MM" ranges (index 0 = Monday). */
export function hoursByDay(rows: HoursRow[]): { start: string; end: string }[][] {
  const days: HoursRow[][] = Array.from({ length: 7 }, () => []);
  for (const r of rows) days[r.weekday - 1]?.push(r);
  return days.map((d) =>
    d.sort((a, b) => a.startMinute - b.startMinute).map((r) => ({ start: minutesToTime(r.startMinute), end: minutesToTime(r.endMinute) })),
  );
}

/**
 * A short human summary of a week: consecutive days with the same hours are
 * grouped ("Mon–Fri 09:00–17:00; Sat 10:00–14:00"). "No working hours" when empty.
 */
export function summarizeWeek(rows: HoursRow[]): string {
  const days = hoursByDay(rows).map((ranges) => ranges.map((r) => `${r.start}–${r.end}`).join(", "));
  const parts: string[] = [];
  let i = 0;
  while (i < 7) {
    if (!days[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < 7 && days[j + 1] === days[i]) j++;
    parts.push(`${j > i ? `${SHORT[i]}–${SHORT[j]}` : SHORT[i]} ${days[i]}`);
    i = j + 1;
  }
  return parts.length ? parts.join("; ") : "No working hours";
}

/** Total working minutes in the week. */
export function weeklyMinutes(rows: HoursRow[]): number {
  return rows.reduce((sum, r) => sum + (r.endMinute - r.startMinute), 0);
}
