import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { NotFoundError } from "@/lib/platform/errors";
import type { Role } from "@/db/schema";
import { getActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";

/**
 * For layouts and pages: the signed-in actor with one of these roles, or a
 * redirect to sign in / the 403 page. A convenience for rendering; lib/
 * functions check permissions again on every read and write.
 */
export async function requireRole(...roles: Role[]): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  if (!roles.includes(actor.role)) forbidden();
  return actor;
}

/** Await a lib/ read; its NotFoundError becomes Next's 404 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
