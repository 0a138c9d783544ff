import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "@/db/client";

export type Series = "invoice" | "credit_note";

/**
 * The next number of a series in a year, gap-free: one counter row per
 * (series, year), incremented by an upsert in the issuing transaction. The
 * row lock makes concurrent issuers wait their turn; a rollback gives the
 * number back (the increment is undone with everything else).
 */
export async function nextNumber(tx: Executor, series: Series, year: number): Promise<{ year: number; seq: number; number: string }> {
  const rows = await queryRows<{ last_seq: number | string }>(
    tx,
    sql`
    INSERT INTO billing_counters (series, year, last_seq) VALUES (${series}, ${year}, 1)
    ON CONFLICT (series, year) DO UPDATE SET last_seq = billing_counters.last_seq + 1
    RETURNING last_seq`,
  );
  const seq = Number(rows[0]!.last_seq);
  return { year, seq, number: formatNumber(series, year, seq) };
}

/** 2026-0042 (invoices), CN-2026-0003 (credit notes). */
export function formatNumber(series: Series, year: number, seq: number) {
  const n = `${year}-${String(seq).padStart(4, "0")}`;
  return series === "invoice" ? n : `CN-${n}`;
}
