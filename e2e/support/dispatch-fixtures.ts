import { createHash } from "node:crypto";
import { DateTime } from "luxon";

/**
 * Fixtures shared by e2e/seeders/20-dispatch.ts, e2e/dispatch.spec.ts and e2e/admin-settings.spec.ts.
 * The board day is far beyond the booking horizon, so other journeys that
 * book free slots never land on it.
 */
export const ZONE = "America/New_York";
export const BOARD_DAY = DateTime.now().setZone(ZONE).plus({ days: 45 }).toISODate()!;
export const DORA = { email: "dora@fieldkey.test", name: "Dora Dispatch" };
export const VISITS = { terryMorning: "FK-DSP001", doraAfternoon: "FK-DSP002", requested: "FK-DSP003" } as const;
export const RITA = { email: "rita@example.test", name: "Rita Reset", token: "e2e-reset-token-rita-0123456789abcdef" };
export const IVY = { email: "ivy@example.test", name: "Ivy Invite", token: "e2e-invite-token-ivy-0123456789abcdef" };
export const sha256Hex = (s: string) => createHash("sha256").update(s).digest("hex");

/** The drag-and-drop journey's own day and visits (e2e/seeders/25-dispatch-drag.ts), two days after the board day. */
export const DRAG_DAY = DateTime.fromISO(BOARD_DAY).plus({ days: 2 }).toISODate()!;
export const DRAG = {
  customer: "Bartholomew Featherstonehaugh-Kowalczyk Dental Group",
  terryMorning: "FK-DRG001",
  waiting: "FK-DRG002",
} as const;

/** BOARD_DAY as the board writes dates (company locale en-US): "Mar 12, 2026". */
export const boardDate = () => DateTime.fromISO(BOARD_DAY).toFormat("LLL d, yyyy");
