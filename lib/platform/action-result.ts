/**
 * What every server action returns (see defineAction in ./action.ts), as a
 * type the browser may import: no server-only code here, so client components
 * (forms, ActionButton) and the actions share one definition.
 */
import type { FieldErrors } from "./errors";

export type { FieldErrors };

export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** A message for people: what went wrong and what to do. */
      error: string;
      /** The HTTP status the same failure has in the API (422 bad input, 409 conflict, …). */
      status: number;
      /** Messages per field, by dot path ("devices.0.brand"); "_form" for the form as a whole. */
      fieldErrors?: FieldErrors;
    };
