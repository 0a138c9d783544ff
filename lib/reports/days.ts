/** Calendar-day arithmetic on YYYY-MM-DD strings (company-local days; no time zone involved). */

const toUtc = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(d: string, n: number): string {
  return fromUtc(toUtc(d) + n * 86_400_000);
}

/** The Monday starting the week of `d` (weeks start on Monday). */
export function weekOf(d: string): string {
  const dow = new Date(toUtc(d)).getUTCDay(); // 0 Sunday
  return addDays(d, -((dow + 6) % 7));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/**
 * The weeks a day range touches: the weeks it covers whole (read from weekly
 * totals), and at most two partial edge stretches, each inside one week (read
 * as differences of cumulative totals). Open ends cover whole weeks.
 */
export function splitWeeks(from: string | undefined, to: string | undefined) {
  const partials: { week: string; from: string; to: string }[] = [];
  let lo: string | null = from ? weekOf(from) : null; // first whole week (inclusive), null = unbounded
  let hi: string | null = to ? weekOf(to) : null; // last whole week (inclusive)
  const fromPartial = !!from && from !== weekOf(from);
  const toPartial = !!to && to !== addDays(weekOf(to), 6);
  if (from && to && weekOf(from) === weekOf(to) && (fromPartial || toPartial)) {
    return { whole: null, partials: [{ week: weekOf(from), from, to }] };
  }
  if (fromPartial) {
    partials.push({ week: weekOf(from!), from: from!, to: addDays(weekOf(from!), 6) });
    lo = addDays(weekOf(from!), 7);
  }
  if (toPartial) {
    partials.push({ week: weekOf(to!), from: weekOf(to!), to: to! });
    hi = addDays(weekOf(to!), -7);
  }
  const whole = lo !== null && hi !== null && lo > hi ? null : { lo, hi };
  return { whole, partials };
}
