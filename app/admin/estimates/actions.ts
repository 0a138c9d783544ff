"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { saveEstimateLines, sendEstimate, startEstimate } from "@/lib/billing/estimates";
import { typedInput, estimateDraftSchema, estimateIdSchema } from "@/lib/billing/schemas";

function refresh() {
  revalidatePath("/admin/estimates/[id]", "page");
  revalidatePath("/admin/visits/[id]", "page");
}
const admin = { permission: "billing:manage" } as const;

/** Open the visit's estimate to edit (the current draft, or a new version replacing the current one). */
export const startEstimateAction = defineAction(
  estimateDraftSchema,
  async (input, { actor, ip }) => {
    const r = await startEstimate(actor, input, ip);
    refresh();
    return r;
  },
  admin,
);

export const saveEstimateLinesAction = defineAction(
  typedInput, // parsed in lib/billing
  async (input, { actor, ip }) => {
    const r = await saveEstimateLines(actor, input, ip);
    refresh();
    return r;
  },
  admin,
);

export const sendEstimateAction = defineAction(
  estimateIdSchema,
  async (input, { actor, ip }) => {
    const r = await sendEstimate(actor, input, ip);
    refresh();
    return r;
  },
  admin,
);
