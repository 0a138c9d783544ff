"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/platform/action";
import { removeLogo } from "@/lib/billing/logo";
import { updateSettings } from "@/lib/settings/company";
import { billingSettingsSchema } from "@/lib/settings/schema";

export const saveBillingSettingsAction = defineAction(
  billingSettingsSchema,
  async (input, { actor, ip }) => {
    await updateSettings(actor, input, ip);
    revalidatePath("/admin/settings");
    revalidatePath("/book");
    return null;
  },
  { permission: "settings:manage" },
);

export const removeLogoAction = defineAction(
  z.object({}),
  async (_input, { actor, ip }) => {
    const r = await removeLogo(actor, ip);
    revalidatePath("/admin/settings");
    return r;
  },
  { permission: "settings:manage" },
);
