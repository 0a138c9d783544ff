import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { TechAppLoader } from "@/app/_field/app/loader";
import { maxBackupBytes } from "@/lib/backups/store";
import { getSettings } from "@/lib/settings/company";

export const metadata: Metadata = { title: "My day" };

/** The technician's day: a shell over the phone's store (GET /api/field/day fills it), the same screen offline. */
export default async function TechHome({ searchParams }: { searchParams: Promise<{ range?: string }> }) {
  const actor = await requirePagePermission("area:tech");
  const { range: raw } = await searchParams;
  const range = raw === "tomorrow" || raw === "week" ? raw : "today";
  const s = await getSettings();
  return (
    <TechAppLoader
      user={{ id: actor.id, name: actor.name }}
      view={{ kind: "day", range }}
      zone={{ timeZone: s.timeZone, locale: s.locale }}
      maxBytes={maxBackupBytes()}
    />
  );
}
