import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { CalendarPage } from "@/app/_ui/integrations/calendar-page";
import { IntegrationsNav } from "@/app/_ui/integrations/integrations-nav";

export const metadata: Metadata = { title: "Calendar feed" };

export default async function AdminCalendarPage() {
  const actor = await requirePagePermission("area:admin");
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">Calendar feed</h1>
        <IntegrationsNav current="/admin/calendar" />
      </div>
      <CalendarPage
        actor={actor}
        intro="Everyone's visits, with the technician named, in your calendar app. Technicians make their own link (of their own visits) under Calendar."
      />
    </div>
  );
}
