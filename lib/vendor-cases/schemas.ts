/** The vendor-case forms' schemas: used by react-hook-form on the phone and by the actions and lib on the server. Client-safe. */
import { z } from "zod";
import { VENDOR_CASE_RESULTS } from "./results";

const noPassword = (n: string) => !/password\s*[:=]\s*\S/i.test(n);

export { VENDOR_CASE_RESULT_CHOICES, VENDOR_CASE_RESULTS, type VendorCaseResult } from "./results";

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
