/** The vendor-case forms' schemas: used by react-hook-form on the phone and by the actions and lib on the server. Client-safe. */
import { z } from "zod";

const noPassword = (n: string) => !/password\s*[:=]\s*\S/i.test(n);

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

export const closeVendorCaseSchema = z.object({
  caseId: z.uuid("That vendor case id is not valid."),
  result: z.enum(VENDOR_CASE_RESULTS, "Say what came of the vendor's answer."),
  resultNote: z
    .string({ error: "Describe what came back." })
    .trim()
    .min(3, "Describe what came back (or that nothing did).")
    .max(2000, "Use at most 2000 characters.")
    .refine(noPassword, "Record what happened, never the password itself."),
});
export type CloseVendorCaseInput = z.input<typeof closeVendorCaseSchema>;

/** The vendor's answer is in (a code by phone, a temporary password by email…): its expiry clock starts. */
export const recordVendorResultSchema = z.object({
  caseId: z.uuid("That vendor case id is not valid."),
  note: z
    .string({ error: "Say what came back." })
    .trim()
    .min(3, "Say what came back, e.g. “Temporary password given by phone”.")
    .max(2000, "Use at most 2000 characters.")
    .refine(noPassword, "Record that it came, never the password or code itself."),
});
export type RecordVendorResultInput = z.input<typeof recordVendorResultSchema>;
