"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { moveVisit } from "@/lib/dispatch/move";
import { moveVisitSchema } from "@/lib/dispatch/schemas";
import { undoMove, undoMoveSchema } from "@/lib/dispatch/undo";

export const moveVisitAction = defineAction(
  moveVisitSchema,
  async (input, { actor, ip }) => {
    const r = await moveVisit(actor, input, ip);
    revalidatePath("/admin/dispatch");
    return r;
  },
  { permission: "visits:dispatch" },
);

export const undoMoveAction = defineAction(
  undoMoveSchema,
  async (input, { actor, ip }) => {
    const r = await undoMove(actor, input, ip);
    revalidatePath("/admin/dispatch");
    return r;
  },
  { permission: "visits:dispatch" },
);
