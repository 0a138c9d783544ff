import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { TechAppLoader } from "@/app/_field/app/loader";

export const metadata: Metadata = { title: "Needs attention" };

/** Writes the server refused when the phone synced them (kept on the phone: send again or discard). */
export default async function TechAttention() {
  const actor = await requirePagePermission("area:tech");
  return <TechAppLoader user={{ id: actor.id, name: actor.name }} view={{ kind: "attention" }} />;
}
