"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { acceptEstimate, declineEstimate } from "@/lib/billing/estimates";
import { acceptEstimateSchema, declineEstimateSchema } from "@/lib/billing/schemas";

/** The customer accepts an estimate with their typed name; the time, address and browser are stored with it. */
export const acceptEstimateAction = defineAction(
  acceptEstimateSchema,
  async (input, { actor, ip }) => {
    const r = await acceptEstimate(actor, input, { ip, userAgent: await userAgent() });
    revalidatePath("/portal/billing");
    revalidatePath("/portal/estimates/[id]", "page");
    return r;
  },
  { permission: "billing:read-own" },
);

export const declineEstimateAction = defineAction(
  declineEstimateSchema,
  async (input, { actor, ip }) => {
    const r = await declineEstimate(actor, input, ip);
    revalidatePath("/portal/billing");
    revalidatePath("/portal/estimates/[id]", "page");
    return r;
  },
  { permission: "billing:read-own" },
);

/** The browser that answered (kept with an acceptance); none outside a request. */
async function userAgent(): Promise<string | null> {
  try {
    return (await headers()).get("user-agent");
  } catch {
    return null;
  }
}
