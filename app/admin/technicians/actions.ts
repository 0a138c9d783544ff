"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { brandsSchema, timeOffIdSchema, timeOffSchema, weeklyHoursSchema } from "@/lib/availability/schemas";
import { addTimeOff, removeTimeOff, setBrands, setWeeklyHours } from "@/lib/availability/technicians";

const refresh = (id: string) => {
  revalidatePath(`/admin/technicians/${id}`);
  revalidatePath("/admin/technicians");
};

export const setHoursAction = defineAction(
  weeklyHoursSchema,
  async (input, { actor, ip }) => {
    const r = await setWeeklyHours(actor, input, ip);
    refresh(input.technicianId);
    return r;
  },
  { permission: "availability:manage" },
);

export const addTimeOffAction = defineAction(
  timeOffSchema,
  async (input, { actor, ip }) => {
    const r = await addTimeOff(actor, input, ip);
    refresh(input.technicianId);
    return r;
  },
  { permission: "availability:manage" },
);

export const removeTimeOffAction = defineAction(
  timeOffIdSchema,
  async (input, { actor, ip }) => {
    const r = await removeTimeOff(actor, input, ip);
    refresh(input.technicianId);
    return r;
  },
  { permission: "availability:manage" },
);

export const setBrandsAction = defineAction(
  brandsSchema,
  async (input, { actor, ip }) => {
    const r = await setBrands(actor, input, ip);
    refresh(input.technicianId);
    return r;
  },
  { permission: "availability:manage" },
);
