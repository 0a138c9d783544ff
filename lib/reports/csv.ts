/**
 * CSV through papaparse. Cells that a spreadsheet would run as a formula
 * (starting with = + - @ tab or CR) get a leading apostrophe. papaparse's own
 * `escapeFormulae: true` uses /^[=+\-@\t\r].*$/, which misses a multi-line
 * cell (`.` stops at the newline): hence our own pattern. Numbers stay numbers.
 */
import Papa from "papaparse";

export const FORMULA_START = /^[=+\-@\t\r]/;

export type Column<T> = { header: string; value: (row: T) => string | number | boolean | null | undefined };

export function toCsv<T>(columns: Column<T>[], rows: T[], opts: { header?: boolean } = {}): string {
  return Papa.unparse(
    { fields: columns.map((c) => c.header), data: rows.map((r) => columns.map((c) => c.value(r) ?? null)) },
    { escapeFormulae: FORMULA_START, newline: "\r\n", header: opts.header ?? true, quotes: false },
  );
}

/** A rate as a plain number with 4 decimals (0.7812), or empty. */
export const ratio = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10000) / 10000);
export const one = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
