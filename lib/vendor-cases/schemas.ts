/** The vendor-case forms' schemas: used by react-hook-form on the phone and by the actions and lib on the server. Client-safe. */
import { z } from "zod";

const noPassword = (n: string) => !/password\s*[:=]\s*\S/i.test(n);

export const closeVendorCaseSchema = z.object({
  caseId: z.uuid("That vendor case id is not valid."),
  /** received: the answer came back and was used; no_answer: none usable came; voided: it came but something on site voided it (a reboot…). */
  result: z.enum(["received", "no_answer", "voided"], "Say whether the vendor's result came back."),
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
