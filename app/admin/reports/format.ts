/** Display formats for the report page (numbers stay raw in CSV). */
import { BRAND_LABELS, labelOf } from "@/lib/values/labels";

export const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${Math.round(x * 100)}%`);
export const interval = (ci: [number, number] | null) => (ci ? `${Math.round(ci[0] * 100)}–${Math.round(ci[1] * 100)}%` : "—");
export const minutes = (m: number | null) => (m === null ? "—" : m < 10 ? `${m.toFixed(1)} min` : `${Math.round(m)} min`);
export const hours = (h: number | null) => (h === null ? "—" : `${Math.round(h)} h`);
/** A brand (or vendor) named in a report row, which carries it as a plain string. */
export const brandLabel = (b: string) => labelOf(BRAND_LABELS, b);
