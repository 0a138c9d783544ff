/**
 * Field-screen texts and small formats. Client-safe. The value lists are in
 * lib/values and their labels in lib/values/labels.
 */
export const CHECKLIST_ITEMS = [
  { key: "patternLockSet", label: "Pattern lock set" },
  { key: "configExported", label: "Config exported and a copy kept" },
  { key: "recoveryEmailUpdated", label: "Recovery email updated to one the customer checks" },
] as const;

/** 0 -> "0 min", 95 -> "2 min", 3900 -> "1 h 5 min" (rounded to the minute, at least 1 min when > 0). */
export function formatDuration(seconds: number | null | undefined) {
  if (seconds == null) return "—";
  const minutes = seconds === 0 ? 0 : Math.max(1, Math.round(seconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h${m ? ` ${m} min` : ""}` : `${m} min`;
}

/** A running timer: 75 -> "1:15", 3725 -> "1:02:05". */
export function formatClock(seconds: number) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** What the customer agrees to (shown on the form, stored with each authorization). */
export const AUTHORIZATION_STATEMENT =
  "I confirm that I own or administer the equipment listed for this visit (or am authorized by its owner to act for them), " +
  "and I authorize the technician to reset or recover its passwords. I understand some methods restore factory settings.";

/** Refusals the phone also shows at once, before the server has seen the write (the server's words, one copy). */
export const AUTHORIZATION_FIRST = "Record the customer's authorization before logging any attempt.";
export const ON_SITE_FIRST = "Mark the visit as on site first.";
