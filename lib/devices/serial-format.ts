/**
 * What a serial, MAC or Lorex Device ID should look like, per brand, for a
 * warning on the device facts form (never a block: labels vary, and the
 * technician confirms what is on the device). Client-safe, pure.
 *
 * - Dahua serials are 15 letters and digits (e.g. 7A0123PAZ012345).
 * - Hikvision's full serial (what SADP and support ask for) is the model,
 *   channels, the production date, CPU/DSP grades, the region, the 9-digit
 *   serial and feature letters (DS-7608NI-K2/8P0820200101AAWR123456789WCVU);
 *   the box and some labels show only the 9 digits.
 * - Lorex support asks for the Device ID, not the serial: the same value in
 *   both is almost always a mistake.
 */
import type { Brand } from "@/lib/values";

export type ScanField = "serial" | "mac" | "lorexDeviceId";

/** A scanned code as a field value: label prefixes dropped ("S/N:", "MAC "), a bare MAC written with colons. */
export function fromScan(field: ScanField, text: string): string {
  let v = text.trim().replace(/\s+/g, " ");
  // A QR code holding key=value pairs or a URL: take the value the field wants when it names it.
  const named = {
    serial: /(?:^|[?&;,\s])(?:sn|serial(?:no)?)[=:]([^&;,\s]+)/i,
    mac: /(?:^|[?&;,\s])mac[=:]([^&;,\s]+)/i,
    lorexDeviceId: /(?:^|[?&;,\s])(?:device ?id|did|id)[=:]([^&;,\s]+)/i,
  }[field];
  const m = named.exec(v);
  if (m) v = m[1]!;
  v = v.replace(/^(?:s\/?n|serial(?: ?no\.?)?|mac(?: address)?|device ?id)\s*[:#]?\s*/i, "").trim();
  if (field === "mac") {
    const hex = v.replace(/[^0-9a-f]/gi, "");
    if (hex.length === 12) return hex.toUpperCase().match(/../g)!.join(":");
  }
  if (field === "serial" || field === "lorexDeviceId") v = v.replace(/\s+/g, "").toUpperCase();
  return v;
}

/** A warning about a serial that does not look like the brand's, or null. */
export function serialWarning(brand: Brand, serial: string | null | undefined): string | null {
  const s = (serial ?? "").trim().toUpperCase();
  if (!s) return null;
  if (brand === "dahua" && !/^[0-9A-Z]{15}$/.test(s))
    return `Dahua serials are 15 letters and digits (e.g. 7A0123PAZ012345); this one has ${s.length} characters. Check the label.`;
  if (brand === "hikvision") {
    if (/^\d{9}$/.test(s))
      return "That is Hikvision's 9-digit short serial: SADP and support need the full one (model, date and serial, e.g. DS-7608NI-K2/8P0820200101AAWR123456789WCVU).";
    if (!/(19|20)\d{6}[A-C]{2}[A-Z]{2}[0-9A-Z]{9}/.test(s))
      return "Hikvision's full serial has the model, the production date and the 9-digit serial (e.g. DS-7608NI-K2/8P0820200101AAWR123456789WCVU). Check it against SADP.";
  }
  if (brand === "lorex" && !/^[0-9A-Z-]{8,24}$/.test(s)) return "Lorex serials are 8 to 24 letters and digits. Check the label.";
  return null;
}

/** A warning about a Lorex Device ID, or null. */
export function deviceIdWarning(deviceId: string | null | undefined, serial: string | null | undefined): string | null {
  const d = (deviceId ?? "").trim().toUpperCase();
  if (!d) return null;
  if (serial && d === serial.trim().toUpperCase())
    return "That is the serial: Lorex support needs the Device ID (on the device-info screen, or under the QR code on the label).";
  if (!/^[0-9A-Z]{6,24}$/.test(d)) return "A Lorex Device ID is 6 to 24 letters and digits. Check the device-info screen.";
  return null;
}
