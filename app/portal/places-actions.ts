"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { updateMyDevice, updateMySite } from "@/lib/customers/places";
import { deviceEditSchema, siteEditSchema } from "@/lib/customers/schemas";

export const updateDeviceAction = defineAction(
  deviceEditSchema,
  async (input, { actor, ip }) => {
    const r = await updateMyDevice(actor, input, ip);
    revalidatePath("/portal/devices");
    return r;
  },
  { permission: "devices:edit-own" },
);

export const updateSiteAction = defineAction(
  siteEditSchema,
  async (input, { actor, ip }) => {
    const r = await updateMySite(actor, input, ip);
    revalidatePath("/portal/sites");
    return r;
  },
  { permission: "sites:edit-own" },
);
