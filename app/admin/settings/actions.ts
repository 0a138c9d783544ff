"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { addHoliday, removeHoliday } from "@/lib/availability/holidays";
import { holidayDaySchema, holidaySchema } from "@/lib/availability/schemas";
import { updateSettings } from "@/lib/settings/company";
import { generalSettingsSchema } from "@/lib/settings/schema";

export const saveSettingsAction = defineAction(
  generalSettingsSchema,
  async (input, { actor, ip }) => {
    await updateSettings(actor, input, ip);
    revalidatePath("/", "layout"); // the company name is in every header
    return null;
  },
  { permission: "settings:manage" },
);

export const addHolidayAction = defineAction(
  holidaySchema,
  async (input, { actor, ip }) => {
    const r = await addHoliday(actor, input, ip);
    revalidatePath("/admin/settings");
    return r;
  },
  { permission: "settings:manage" },
);

export const removeHolidayAction = defineAction(
  holidayDaySchema,
  async (input, { actor, ip }) => {
    const r = await removeHoliday(actor, input, ip);
    revalidatePath("/admin/settings");
    return r;
  },
  { permission: "settings:manage" },
);
