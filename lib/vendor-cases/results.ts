/**
 * The vendor-case results and their choices, without zod: the phone's job
 * view imports them eagerly, and building a zod object schema at import time
 * would probe `Function("")` before the offline app turns zod's compiled
 * parsers off (a CSP violation under the offline shell's nonce policy).
 */

/**
 * What came of the vendor's answer. Closing the case settles the attempt that
 * waited for it (docs/domain.md, vendor cases): unlocked -> succeeded;
 * not_unlocked (the answer came back and did not work) -> failed; no_answer
 * (none came, or too late to use) -> failed, the case expires; voided (it came,
 * then something on site voided it before it was used: a reboot, an email
 * change) -> failed, the case expires. `received` (the answer came back,
 * outcome not said) leaves the attempt waiting for the technician to correct
 * it to its outcome (kept for writes queued by older screens).
 */
export const VENDOR_CASE_RESULTS = ["unlocked", "not_unlocked", "no_answer", "voided", "received"] as const;
export type VendorCaseResult = (typeof VENDOR_CASE_RESULTS)[number];

/** The choices the job page offers, in order ("voided" only once the answer is in). */
export const VENDOR_CASE_RESULT_CHOICES = [
  { value: "unlocked", label: "Unlocked with the answer" },
  { value: "not_unlocked", label: "Answer did not unlock it" },
  { value: "no_answer", label: "No usable answer" },
  { value: "voided", label: "Answer voided (e.g. a reboot)" },
] as const satisfies readonly { value: VendorCaseResult; label: string }[];
