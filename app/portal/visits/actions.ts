"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { cancelVisit, rescheduleVisit } from "@/lib/booking/manage";
import { cancelSchema, rescheduleSchema, visitIdSchema } from "@/lib/booking/schemas";
import { rescheduleOptions } from "@/lib/booking/slot-options";

export const rescheduleSlotsAction = defineAction(visitIdSchema, ({ visitId }, { actor }) => rescheduleOptions(actor, visitId), {
  permission: "visits:manage-own",
});

export const rescheduleAction = defineAction(
  rescheduleSchema,
  async (input, { actor, ip }) => {
    const r = await rescheduleVisit(actor, input, ip);
    revalidatePath("/portal");
    return r;
  },
  { permission: "visits:manage-own" },
);

export const cancelAction = defineAction(
  cancelSchema,
  async (input, { actor, ip }) => {
    const r = await cancelVisit(actor, input, ip);
    revalidatePath("/portal");
    return r;
  },
  { permission: "visits:manage-own" },
);
