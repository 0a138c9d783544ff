import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { getActor, requestIp } from "@/lib/auth/actor";
import { requirePermission, type Actor, type Permission } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/platform/action-result";
import { toAppError, zodFieldErrors } from "@/lib/platform/errors";
import { hitRateLimit, type RateLimit } from "@/lib/platform/rate-limit";
import { getDb } from "@/db/client";

export type { ActionResult };
export type ActionContext = { actor: Actor | null; ip: string };

/**
 * The one wrapper for server actions: who is asking, may they, is the input
 * valid; then the handler, whose errors become `{ ok: false, error, fieldErrors }`.
 * The handler still calls lib/ functions that check permissions themselves:
 * this is the first gate, not the only one.
 */
export function defineAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
  /** `rateLimit`: valid calls counted per client address, in the same bucket as the public API's (`ip:<address>`). */
  opts: { permission?: Permission; public?: true; rateLimit?: RateLimit } = {},
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const actor = await getActor();
      if (opts.permission) requirePermission(actor, opts.permission);
      else if (!opts.public && !actor) requirePermission(actor, "users:manage"); // signed-out -> 401
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, status: 422, error: "Please correct the highlighted fields.", fieldErrors: zodFieldErrors(parsed.error) };
      }
      const ip = await requestIp();
      if (opts.rateLimit) await hitRateLimit(await getDb(), `ip:${ip}`, opts.rateLimit);
      const data = await handler(parsed.data, { actor, ip });
      return { ok: true, data };
    } catch (err) {
      unstable_rethrow(err); // redirect(), notFound() and friends are not errors
      const e = toAppError(err, "server action");
      return { ok: false, status: e.status, error: e.message, fieldErrors: e.fieldErrors };
    }
  };
}
