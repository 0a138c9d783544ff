"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { defineAction } from "@/lib/platform/action";
import { createCalendarFeed, revokeCalendarFeed } from "@/lib/calendar/feeds";

const none = z.object({});
/** The calendar page of the area this person works in. */
const calendarPage = (actor: Parameters<typeof can>[0]) => (can(actor, "area:admin") ? "/admin/calendar" : "/tech/calendar");

export const createCalendarFeedAction = defineAction(
  none,
  async (_input, { actor, ip }) => {
    const feed = await createCalendarFeed(actor, ip);
    revalidatePath(calendarPage(actor));
    return { path: feed.path };
  },
  { permission: "calendar:subscribe" },
);

export const revokeCalendarFeedAction = defineAction(
  none,
  async (_input, { actor, ip }) => {
    const r = await revokeCalendarFeed(actor, ip);
    revalidatePath(calendarPage(actor));
    return r;
  },
  { permission: "calendar:subscribe" },
);
