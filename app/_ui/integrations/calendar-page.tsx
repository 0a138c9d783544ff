import { calendarFeedStatus } from "@/lib/calendar/feeds";
import type { Actor } from "@/lib/auth/permissions";
import { getSettings } from "@/lib/settings/company";
import { CalendarFeedPanel } from "./calendar-feed-panel";
import { formatDateTime } from "@/lib/format/dates";
import { publicOrigin } from "./origin";

/** The body of /tech/calendar and /admin/calendar. */
export async function CalendarPage({ actor, intro }: { actor: Actor; intro: string }) {
  const [status, origin, s] = await Promise.all([calendarFeedStatus(actor), publicOrigin(), getSettings()]);
  return (
    <section className="card space-y-3" aria-labelledby="feed">
      <h2 id="feed" className="text-lg font-semibold">
        Calendar subscription
      </h2>
      <p className="text-slate-700">{intro}</p>
      <CalendarFeedPanel origin={origin} activeSince={status ? formatDateTime(status.createdAt, s) : null} />
    </section>
  );
}
