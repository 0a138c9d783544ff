"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { createCreditNote } from "@/lib/billing/credit-notes";
import { createInvoiceForVisit, issueInvoice, updateInvoiceLines, voidInvoice } from "@/lib/billing/invoices";
import { recordPayment } from "@/lib/billing/payments";
import { typedInput, estimateDraftSchema, invoiceIdSchema, voidInvoiceSchema } from "@/lib/billing/schemas";

/** The office's invoice actions (lib/billing checks the permission and the record again). */
function refresh() {
  revalidatePath("/admin/invoices", "layout");
  revalidatePath("/admin/receivables");
  revalidatePath("/admin/visits/[id]", "page");
}
const admin = { permission: "billing:manage" } as const;

export const createInvoiceAction = defineAction(
  estimateDraftSchema,
  async (input, { actor }) => {
    const r = await createInvoiceForVisit(actor, input);
    refresh();
    return r;
  },
  admin,
);

export const saveInvoiceLinesAction = defineAction(
  typedInput, // parsed in lib/billing
  async (input, { actor, ip }) => {
    const r = await updateInvoiceLines(actor, input, ip);
    refresh();
    return r;
  },
  admin,
);

export const issueInvoiceAction = defineAction(
  invoiceIdSchema,
  async (input, { actor, ip }) => {
    const r = await issueInvoice(actor, input, ip);
    refresh();
    return r;
  },
  admin,
);

export const voidInvoiceAction = defineAction(
  voidInvoiceSchema,
  async (input, { actor, ip }) => {
    const r = await voidInvoice(actor, input, ip);
    refresh();
    return r;
  },
  admin,
);

export const recordPaymentAction = defineAction(
  typedInput, // parsed in lib/billing
  async (input, { actor, ip }) => {
    const r = await recordPayment(actor, input, ip);
    refresh();
    return r;
  },
  admin,
);

export const creditNoteAction = defineAction(
  typedInput, // parsed in lib/billing
  async (input, { actor, ip }) => {
    const r = await createCreditNote(actor, input, ip);
    refresh();
    return r;
  },
  admin,
);
