import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/platform/errors";

/** Parse with a shared schema; bad input becomes a ValidationError with dot-path field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of r.error.issues) (fieldErrors[issue.path.map(String).join(".") || "_form"] ??= []).push(issue.message);
  throw new ValidationError("Please correct the highlighted fields.", fieldErrors);
}
