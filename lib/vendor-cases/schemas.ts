/** The vendor-case form's schema: used by react-hook-form on the phone and by the action and lib on the server. Client-safe. */
import { z } from "zod";
import { VENDOR_CASE_RESULTS } from "./results";

export { VENDOR_CASE_RESULT_CHOICES, VENDOR_CASE_RESULTS, type VendorCaseResult } from "./results";

export const closeVendorCaseSchema = z.object({
  caseId: z.uuid("That vendor case id is not valid."),
  result: z.enum(VENDOR_CASE_RESULTS, "Say what came of the vendor's answer."),
  resultNote: z
    .string({ error: "Describe what came back." })
    .trim()
    .min(3, "Describe what came back (or that nothing did).")
    .max(2000, "Use at most 2000 characters."),
});
export type CloseVendorCaseInput = z.input<typeof closeVendorCaseSchema>;
