"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { acceptEstimateOnSite } from "@/lib/billing/estimates";
import { recordOnSitePayment } from "@/lib/billing/payments";
import { onSiteAcceptSchema, onSitePaymentSchema } from "@/lib/billing/schemas";

/** On site, on the technician's phone (lib/billing checks the visit is theirs). */
function refresh() {
  revalidatePath("/tech/visits/[id]", "page");
  revalidatePath("/admin/visits/[id]", "page");
}

export const acceptEstimateOnSiteAction = defineAction(
  onSiteAcceptSchema,
  async (input, { actor, ip }) => {
    const r = await acceptEstimateOnSite(actor, input, { ip, userAgent: (await headers()).get("user-agent") });
    refresh();
    return r;
  },
  { permission: "billing:take-on-site" },
);

export const recordOnSitePaymentAction = defineAction(
  onSitePaymentSchema,
  async (input, { actor, ip }) => {
    const r = await recordOnSitePayment(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "billing:take-on-site" },
);
