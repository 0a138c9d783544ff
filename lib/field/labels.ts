/**
 * Names and labels for the field screens. Client-safe: no database imports
 * (the type-only imports below keep these lists in step with db/schema.ts).
 */
import type { AttemptOutcome, AuthRelationship, Brand, ChecklistAnswer, DeviceKind, RecoveryOption, Vendor, WarrantySeal } from "@/db/schema";

export const OUTCOMES = ["succeeded", "failed", "waiting_vendor", "abandoned"] as const satisfies readonly AttemptOutcome[];
export const RELATIONSHIPS = ["owner", "manager", "installer", "other"] as const satisfies readonly AuthRelationship[];
export const VENDOR_LIST = ["dahua", "hikvision", "lorex"] as const satisfies readonly Vendor[];
export const ANSWERS = ["yes", "no", "na"] as const satisfies readonly ChecklistAnswer[];
export const BRAND_LIST = ["dahua", "lorex", "hikvision"] as const satisfies readonly Brand[];
export const KIND_LIST = ["dvr", "nvr", "camera"] as const satisfies readonly DeviceKind[];
export const SEAL_LIST = ["intact", "broken", "none", "unknown"] as const satisfies readonly WarrantySeal[];
export const OPTION_LIST = ["recovery_email", "security_questions", "app_account", "guid_file", "reset_button", "unlock_pattern"] as const satisfies readonly RecoveryOption[];

export const OUTCOME_LABELS: Record<AttemptOutcome, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  waiting_vendor: "Waiting on vendor",
  abandoned: "Abandoned",
};
export const RELATIONSHIP_LABELS: Record<AuthRelationship, string> = { owner: "Owner", manager: "Manager", installer: "Installer", other: "Other (authorized by the owner)" };
export const BRAND_LABELS: Record<Brand, string> = { dahua: "Dahua", lorex: "Lorex", hikvision: "Hikvision" };
export const KIND_LABELS: Record<DeviceKind, string> = { dvr: "DVR", nvr: "NVR", camera: "IP camera" };
export const SEAL_LABELS: Record<WarrantySeal, string> = { intact: "Intact", broken: "Broken", none: "No seal", unknown: "Not checked" };
export const ANSWER_LABELS: Record<ChecklistAnswer, string> = { yes: "Yes", no: "No", na: "Not applicable" };
export const OPTION_LABELS: Record<RecoveryOption, string> = {
  recovery_email: "Recovery email",
  security_questions: "Security questions",
  app_account: "App account (owner)",
  guid_file: "GUID file",
  reset_button: "Reset button",
  unlock_pattern: "Unlock pattern",
};
export const CHECKLIST_ITEMS = [
  { key: "patternLockSet", label: "Pattern lock set" },
  { key: "configExported", label: "Config exported and a copy kept" },
  { key: "recoveryEmailUpdated", label: "Recovery email updated to one the customer checks" },
] as const;

export function deviceLabel(d: { brand: Brand; kind: DeviceKind; model?: string | null }) {
  return `${BRAND_LABELS[d.brand]} ${KIND_LABELS[d.kind]}${d.model ? ` ${d.model}` : ""}`;
}

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
