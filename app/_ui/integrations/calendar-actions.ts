"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/platform/action";
import { createCalendarFeed, revokeCalendarFeed } from "@/lib/calendar/feeds";

const none = z.object({});

export const createCalendarFeedAction = defineAction(
  none,
  async (_input, { actor, ip }) => {
    const feed = await createCalendarFeed(actor, ip);
    revalidatePath(actor?.role === "admin" ? "/admin/calendar" : "/tech/calendar");
    return { path: feed.path };
  },
  { permission: "calendar:subscribe" },
);

export const revokeCalendarFeedAction = defineAction(
  none,
  async (_input, { actor, ip }) => {
    const r = await revokeCalendarFeed(actor, ip);
    revalidatePath(actor?.role === "admin" ? "/admin/calendar" : "/tech/calendar");
    return r;
  },
  { permission: "calendar:subscribe" },
);
