/** What every brand's catalogue file shares: the seed shape of a recovery method and the warnings more than one brand repeats. */
import type { RecoveryMethod } from "../../schema";

type Optional =
  | "claimedSuccessRate"
  | "claimSource"
  | "requiresDescription"
  | "kinds"
  | "warnings"
  | "vendorWaitMinutes"
  | "answerValidity"
  | "voidedBy"
  | "doNotReboot"
  | "evidence";
export type MethodSeed = Omit<RecoveryMethod, "active" | Optional> & Partial<Pick<RecoveryMethod, Optional>>;

export const NO_REBOOT = "Do not reboot or power-cycle the device until the vendor's answer is applied: it voids the request.";
export const WIPES = "Wipes the configuration: export or locate a config backup first.";

// How long a vendor's answer lives and what voids it, and what the vendor asks
// for: domain.md "Vendor-pending work" (vendor manuals and support pages, late
// 2026). Where no source says, the validity is { kind: "unknown" }.
export const AUTHORIZATION = { item: "authorization", label: "The customer's authorization, recorded on this visit" } as const;
export const FULL_SERIAL = { item: "fact", fact: "serial", label: "The full serial number (device facts)" } as const;
export const LABEL_PHOTO = { item: "photo", photoKind: "label", label: "A photo of the serial/model label" } as const;
