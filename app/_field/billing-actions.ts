"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { acceptEstimateOnSite } from "@/lib/billing/estimates";
import { recordOnSitePayment } from "@/lib/billing/payments";
import { typedInput, onSiteAcceptSchema } from "@/lib/billing/schemas";

/** On site, on the technician's phone (lib/billing checks the visit is theirs). */
function refresh() {
  revalidatePath("/tech/visits/[id]", "page");
  revalidatePath("/admin/visits/[id]", "page");
}

export const acceptEstimateOnSiteAction = defineAction(
  onSiteAcceptSchema,
  async (input, { actor, ip }) => {
    const r = await acceptEstimateOnSite(actor, input, { ip, userAgent: await userAgent() });
    refresh();
    return r;
  },
  { permission: "billing:take-on-site" },
);

export const recordOnSitePaymentAction = defineAction(
  typedInput, // parsed in lib/billing
  async (input, { actor, ip }) => {
    const r = await recordOnSitePayment(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "billing:take-on-site" },
);

/** The browser that answered (kept with an acceptance); none outside a request. */
async function userAgent(): Promise<string | null> {
  try {
    return (await headers()).get("user-agent");
  } catch {
    return null;
  }
}
