import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { ROLE_HOME } from "@/lib/auth/permissions";

/** After sign-in: go where the user asked if it is in their area, else to their area's home. */
export default async function Dashboard({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  const { next } = await searchParams;
  const home = ROLE_HOME[actor.role];
  const safe = typeof next === "string" && next.startsWith(home) && !next.startsWith("//") ? next : home;
  redirect(safe);
}
