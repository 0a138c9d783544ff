/**
 * 200 customers book the same slot at once, over HTTP, through the public
 * booking API (POST /api/v1/bookings: the booking form's bookVisit). Each
 * request comes "from" its own client address (X-Forwarded-For; the server
 * runs as behind one trusted proxy, FIELDKEY_TRUSTED_PROXY_HOPS=1) so the
 * per-address rate limit of the public API does not refuse them before they race.
 */
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";

type SlotDays = { timeZone: string; days: { day: string; slots: { start: string }[] }[] };

/** The first offered start whose local day is `weekday` (luxon: 1 = Monday … 7 = Sunday). */
export function firstSlotOnWeekday(options: SlotDays, weekday: number): string | null {
  for (const d of options.days) {
    if (DateTime.fromISO(d.day, { zone: options.timeZone }).weekday !== weekday) continue;
    if (d.slots[0]) return d.slots[0].start;
  }
  return null;
}

function body(slotStart: string, i: number) {
  return {
    contact: { name: `Racer ${i}`, email: `racer-${i}-${randomUUID().slice(0, 8)}@example.test`, phone: "216-555-0199" },
    site: { addressLine1: `${i + 1} Elm St`, city: "Cleveland", region: "OH", postalCode: "44101" },
    devices: [
      {
        brand: "dahua",
        kind: "nvr",
        model: "NVR4108HS",
        problem: "Forgot the admin password",
        recovery: { recovery_email: "yes", security_questions: "unknown", app_account: "unknown", guid_file: "unknown", reset_button: "unknown" },
      },
    ],
    slotStart,
    account: { mode: "invite" },
  };
}

export type RaceResult = { requests: number; settleMs: number; statuses: Record<string, number>; winners: number; slotTakenAnswers: number; slotStart: string };

export async function bookingRace(base: string, weekday: number, n = 200): Promise<RaceResult> {
  const res = await fetch(`${base}/api/v1/slots?brands=dahua&devices=1`, { headers: { "x-forwarded-for": "198.18.0.1" } });
  if (!res.ok) throw new Error(`GET /api/v1/slots: ${res.status} ${await res.text()}`);
  const slotStart = firstSlotOnWeekday((await res.json()) as SlotDays, weekday);
  if (!slotStart) throw new Error(`no slot offered on weekday ${weekday}`);
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const r = await fetch(`${base}/api/v1/bookings`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": randomUUID(), "x-forwarded-for": `198.19.${i >> 8}.${(i & 255) + 1}` },
        body: JSON.stringify(body(slotStart, i)),
      });
      return { status: r.status, text: await r.text() };
    }),
  );
  const settleMs = performance.now() - t0;
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  return {
    requests: n,
    settleMs,
    statuses,
    winners: answers.filter((a) => a.status === 201).length,
    slotTakenAnswers: answers.filter((a) => a.status === 409 && /just taken/i.test(a.text)).length,
    slotStart,
  };
}
