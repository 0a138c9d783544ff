/**
 * The Wilson score interval for a binomial proportion (95 % by default).
 * Better than "p ± 1.96·sqrt(p(1-p)/n)" for small samples and rates near 0 or 1:
 * it never leaves [0, 1] and is not zero-width at 0/n or n/n.
 */
export const Z95 = 1.959963984540054;

/** Samples smaller than this are marked "small sample" everywhere a rate is shown. */
export const SMALL_SAMPLE = 10;

export type Interval = [low: number, high: number];

export function wilson(successes: number, n: number, z = Z95): Interval | null {
  if (!Number.isInteger(n) || !Number.isInteger(successes) || n < 0 || successes < 0 || successes > n) {
    throw new RangeError(`wilson: need integers 0 <= successes <= n (got ${successes}/${n})`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp rounding noise (e.g. 1.0000000000000002) at the ends.
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

export type Rate = {
  /** Attempts (or visits) with a final outcome: the denominator. */
  n: number;
  succeeded: number;
  /** succeeded / n, null when n = 0. */
  rate: number | null;
  ci: Interval | null;
  small: boolean;
};

export function rate(succeeded: number, n: number): Rate {
  return { n, succeeded, rate: n > 0 ? succeeded / n : null, ci: wilson(succeeded, n), small: n < SMALL_SAMPLE };
}
