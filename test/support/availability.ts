import type { z } from "zod";

/** zod issues as { "a.0.b": [message] } (what the action wrapper sends to forms). */
export function zodFieldErrorsForTest(error: z.ZodError) {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return out;
}
