import { redirect } from "next/navigation";
import { getSessionState } from "@/lib/auth/actor";
import { ROLE_HOME } from "@/lib/auth/permissions";

/** After sign-in: the second factor if it is owed, then where the user asked if it is in their area, else to their area's home. */
export default async function Dashboard({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const state = await getSessionState();
  const { next } = await searchParams;
  if (state.kind === "signed-out") redirect("/signin");
  if (state.kind === "second-factor") {
    const q = typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? `?next=${encodeURIComponent(next)}` : "";
    redirect(`/two-factor${q}`);
  }
  const home = ROLE_HOME[state.actor.role];
  const safe = typeof next === "string" && next.startsWith(home) && !next.startsWith("//") ? next : home;
  redirect(safe);
}
