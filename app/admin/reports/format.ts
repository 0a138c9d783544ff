/** Display formats for the report page (numbers stay raw in CSV). */
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${Math.round(x * 100)}%`);
export const interval = (ci: [number, number] | null) => (ci ? `${Math.round(ci[0] * 100)}–${Math.round(ci[1] * 100)}%` : "—");
export const minutes = (m: number | null) => (m === null ? "—" : m < 10 ? `${m.toFixed(1)} min` : `${Math.round(m)} min`);
export const hours = (h: number | null) => (h === null ? "—" : `${Math.round(h)} h`);
export const BRAND_LABEL: Record<string, string> = { dahua: "Dahua", hikvision: "Hikvision", lorex: "Lorex" };
export const KIND_LABEL: Record<string, string> = { dvr: "DVR", nvr: "NVR", camera: "IP camera" };
export const brandLabel = (b: string) => BRAND_LABEL[b] ?? b;
