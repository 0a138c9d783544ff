/** What every brand's catalogue file shares: the seed shape of a recovery method and the warnings more than one brand repeats. */
import type { RecoveryMethod } from "../../schema";

export type MethodSeed = Omit<
  RecoveryMethod,
  "active" | "claimedSuccessRate" | "claimSource" | "requiresDescription" | "kinds" | "warnings" | "vendorWaitMinutes"
> &
  Partial<Pick<RecoveryMethod, "claimedSuccessRate" | "claimSource" | "requiresDescription" | "kinds" | "warnings" | "vendorWaitMinutes">>;

export const NO_REBOOT = "Do not reboot or power-cycle the device until the vendor's answer is applied: it voids the request.";
export const WIPES = "Wipes the configuration: export or locate a config backup first.";
