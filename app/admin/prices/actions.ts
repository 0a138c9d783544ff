"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { savePriceList } from "@/lib/billing/price-list";
import { typedInput } from "@/lib/billing/schemas";

export const savePriceListAction = defineAction(
  typedInput, // parsed in lib/billing
  async (input, { actor, ip }) => {
    const r = await savePriceList(actor, input, ip);
    revalidatePath("/admin/prices");
    revalidatePath("/book");
    return r;
  },
  { permission: "billing:manage" },
);
