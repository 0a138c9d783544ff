/**
 * How long a visit is booked for: the one rule, used wherever a visit's
 * length is computed (free slots, booking, reschedule, the booking form's
 * "takes about", the API, the widget, the office's booking, the demo company)
 * and shown in the settings form's example. Client-safe.
 *
 *   length = base + extra × (devices − 1)
 *
 * The base length covers the visit with its first device; each further device
 * adds the extra minutes (settings visitBaseMinutes, visitPerDeviceMinutes).
 * A visit lists at least one device, so fewer count as one. Visits already
 * booked keep their stored times: nothing recomputes them.
 */
export type VisitLengthSettings = { visitBaseMinutes: number; visitPerDeviceMinutes: number };

export function visitMinutes(s: VisitLengthSettings, deviceCount: number): number {
  return s.visitBaseMinutes + s.visitPerDeviceMinutes * (Math.max(1, deviceCount) - 1);
}
