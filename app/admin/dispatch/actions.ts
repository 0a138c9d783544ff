"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { moveVisit } from "@/lib/dispatch/move";
import { moveVisitSchema } from "@/lib/dispatch/schemas";

export const moveVisitAction = defineAction(
  moveVisitSchema,
  async (input, { actor, ip }) => {
    const r = await moveVisit(actor, input, ip);
    revalidatePath("/admin/dispatch");
    return r;
  },
  { permission: "visits:dispatch" },
);
