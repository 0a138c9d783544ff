import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { NotFoundError } from "@/lib/platform/errors";
import { getActor, getSessionState } from "@/lib/auth/actor";
import { can, type Actor, type Permission } from "@/lib/auth/permissions";

/**
 * For layouts and pages: the signed-in actor holding this permission
 * (lib/auth/permissions.ts), or a redirect to sign in (or to the second
 * step of signing in) / the 403 page. A
 * convenience for rendering; lib/ functions check permissions again on every
 * read and write.
 */
export async function requirePagePermission(permission: Permission): Promise<Actor> {
  const actor = await getActor();
  // Password given, second factor still owed (lib/auth/sessions.ts): to the code (or enrolment), not the sign-in form.
  if (!actor) redirect((await getSessionState()).kind === "second-factor" ? "/two-factor" : "/signin");
  if (!can(actor, permission)) forbidden();
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
