import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { CalendarPage } from "@/app/_ui/integrations/calendar-page";

export const metadata: Metadata = { title: "Calendar" };

export default async function TechCalendarPage() {
  const actor = await requirePagePermission("area:tech");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Calendar</h1>
      <CalendarPage
        actor={actor}
        intro="See your visits in your phone's calendar. It updates by itself when a visit is booked, moved or cancelled (most apps check every few hours)."
      />
    </div>
  );
}
