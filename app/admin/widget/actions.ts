"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { widgetOriginsSchema } from "@/lib/widget/schemas";
import { setWidgetAllowedOrigins } from "@/lib/widget/settings";

export const setWidgetOriginsAction = defineAction(
  widgetOriginsSchema,
  async (input, { actor, ip }) => {
    const saved = await setWidgetAllowedOrigins(actor, input, ip);
    revalidatePath("/admin/widget");
    return saved;
  },
  { permission: "settings:manage" },
);
