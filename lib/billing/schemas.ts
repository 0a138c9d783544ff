/**
 * Input schemas of billing (forms, server actions and the API share them).
 * Money is typed as text ("49.00") and parsed to integer cents here, so a
 * fractional cent or a negative amount is refused with a message.
 */
import { z } from "zod";
import { BRANDS, DEVICE_CLASSES, DEVICE_KINDS, LINE_KINDS, ON_SITE_PAYMENT_METHODS, PAYMENT_METHODS, PRICE_ITEM_KINDS, SURCHARGES } from "@/lib/values";
import { isSupportedInstant } from "@/lib/availability/time";
import { parseMoney } from "./money";

export const MAX_LINES = 100;

/**
 * For server actions whose schema transforms (money typed as "49.00" becomes
 * 4900 cents): the action passes what was typed on, and the lib/ function
 * parses it with its schema (a second parse of 4900 would be refused as "not
 * an amount"). Bad input is still a 422 with the same field errors.
 */
export const typedInput = z.unknown();
const MAX_QUANTITY = 1000;
const MAX_UNIT_CENTS = 100_000_000;

const id = (what: string) => z.uuid(`Unknown ${what}.`);

/** "49.00" -> 4900; refuses negatives, fractions of a cent and absurd amounts. */
export const moneyText = (what = "an amount") =>
  z
    .string({ error: `Enter ${what}, e.g. 49.00.` })
    .trim()
    .min(1, `Enter ${what}, e.g. 49.00.`)
    .max(20, `Enter ${what}, e.g. 49.00.`)
    .transform((t, ctx) => {
      if (/^-/.test(t)) {
        ctx.addIssue({ code: "custom", message: "Amounts cannot be negative." });
        return z.NEVER;
      }
      if (/\.\d{3,}$/.test(t)) {
        ctx.addIssue({ code: "custom", message: "Use whole cents: at most 2 decimals." });
        return z.NEVER;
      }
      const cents = parseMoney(t);
      if (cents === null) {
        ctx.addIssue({ code: "custom", message: `Enter ${what} like 49.00.` });
        return z.NEVER;
      }
      if (cents > MAX_UNIT_CENTS) {
        ctx.addIssue({ code: "custom", message: "That amount is too large (over 1,000,000.00)." });
        return z.NEVER;
      }
      return cents;
    });

const quantity = z
  .number({ error: "Enter a quantity." })
  .int("Use a whole number.")
  .min(1, "Use at least 1.")
  .max(MAX_QUANTITY, `At most ${MAX_QUANTITY.toLocaleString("en-US")} per line.`);

export const lineInputSchema = z.object({
  kind: z.enum(LINE_KINDS, "Choose what the line is for."),
  description: z.string({ error: "Describe the line." }).trim().min(1, "Describe the line.").max(300, "Use at most 300 characters."),
  quantity,
  unitPrice: moneyText("a price"),
  taxable: z.boolean({ error: "Say whether tax applies." }),
  deviceId: z.union([z.uuid("Unknown device."), z.literal(""), z.null()]).optional(),
});
export type LineFormInput = z.input<typeof lineInputSchema>;

const lines = z.array(lineInputSchema, { error: "Add at least one line." }).min(1, "Add at least one line.").max(MAX_LINES, `Use at most ${MAX_LINES} lines.`);

// ----- price list -----
export const priceItemSchema = z
  .object({
    id: z.union([id("price"), z.literal("")]).optional(),
    kind: z.enum(PRICE_ITEM_KINDS, "Choose what this price is for."),
    brand: z.union([z.enum(BRANDS, "Choose a brand."), z.literal(""), z.null()]).optional(),
    deviceClass: z.union([z.enum(DEVICE_CLASSES, "Choose recorder or camera."), z.literal(""), z.null()]).optional(),
    surcharge: z.union([z.enum(SURCHARGES, "Choose which surcharge."), z.literal(""), z.null()]).optional(),
    name: z.string({ error: "Name the price." }).trim().min(1, "Name the price.").max(200, "Use at most 200 characters."),
    unitPrice: moneyText("a price"),
    taxable: z.boolean({ error: "Say whether tax applies." }),
    active: z.boolean({ error: "Say whether it is in use." }),
  })
  .superRefine((p, ctx) => {
    if (p.kind === "device" && !p.brand) ctx.addIssue({ code: "custom", path: ["brand"], message: "Choose the brand this price is for." });
    if (p.kind === "device" && !p.deviceClass) ctx.addIssue({ code: "custom", path: ["deviceClass"], message: "Choose recorder or camera." });
    if (p.kind === "surcharge" && !p.surcharge) ctx.addIssue({ code: "custom", path: ["surcharge"], message: "Choose which surcharge." });
  });
export const priceListSchema = z.object({ items: z.array(priceItemSchema).min(1, "Keep at least one price.").max(200, "Use at most 200 prices.") });

// ----- quotes (booking estimate) -----
export const quoteSchema = z.object({
  devices: z
    .array(z.object({ brand: z.enum(BRANDS, "Choose Dahua, Lorex or Hikvision."), kind: z.enum(DEVICE_KINDS, "Choose DVR, NVR or camera.") }), {
      error: "Add at least one device.",
    })
    .min(1, "Add at least one device.")
    .max(20, "One visit covers at most 20 devices."),
  slotStart: z.iso
    .datetime({ offset: true, error: "Give the visit's start time (ISO 8601 with an offset)." })
    .refine(isSupportedInstant, "Give the visit's start time (ISO 8601 with an offset)."),
});

// ----- estimates -----
export const estimateDraftSchema = z.object({ visitId: id("visit") });
export const estimateLinesSchema = z.object({
  estimateId: id("estimate"),
  lines,
  notes: z.string().trim().max(2000, "Use at most 2000 characters.").optional().default(""),
});
export const estimateIdSchema = z.object({ estimateId: id("estimate") });
export const acceptEstimateSchema = z.object({
  estimateId: id("estimate"),
  /** The revision the person read: an edit since then makes them read it again. */
  revision: z.number({ error: "Reload the estimate." }).int().min(1).max(1_000_000),
  name: z.string({ error: "Type your full name to accept." }).trim().min(2, "Type your full name to accept.").max(120, "Use at most 120 characters."),
});
export const declineEstimateSchema = z.object({
  estimateId: id("estimate"),
  reason: z.string().trim().max(500, "Use at most 500 characters.").optional().default(""),
});

// ----- invoices -----
export const invoiceIdSchema = z.object({ invoiceId: id("invoice") });
export const invoiceLinesSchema = z.object({
  invoiceId: id("invoice"),
  lines,
  notes: z.string().trim().max(2000, "Use at most 2000 characters.").optional().default(""),
});
export const voidInvoiceSchema = z.object({
  invoiceId: id("invoice"),
  reason: z.string({ error: "Say why it is void." }).trim().min(3, "Say why it is void.").max(500, "Use at most 500 characters."),
});
export const creditNoteSchema = z.object({
  invoiceId: id("invoice"),
  reason: z.string({ error: "Say what the credit corrects." }).trim().min(3, "Say what the credit corrects.").max(500, "Use at most 500 characters."),
  lines,
});

// ----- payments -----
const isoDay = z.string({ error: "Enter the date received." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date like 2026-05-12.");
export const paymentSchema = z.object({
  invoiceId: id("invoice"),
  method: z.enum(PAYMENT_METHODS.filter((m) => m !== "online") as ["cash", "check", "card", "bank_transfer"], "Choose how it was paid."),
  amount: moneyText("the amount paid"),
  receivedOn: isoDay.optional(),
  reference: z.string().trim().max(100, "Use at most 100 characters.").optional().default(""),
  /** Made by the client when the form opens: a repeat submit records one payment. */
  clientRef: z.uuid("The form is out of date. Reload the page.").optional(),
});
/** What the technician records on site at completion: the visit's invoice, card/cash/check. */
export const onSitePaymentSchema = z.object({
  visitId: id("visit"),
  method: z.enum(ON_SITE_PAYMENT_METHODS, "Choose card, cash or check."),
  amount: moneyText("the amount paid"),
  reference: z.string().trim().max(100, "Use at most 100 characters.").optional().default(""),
  clientRef: z.uuid("The form is out of date. Reload the page."),
});
export const onSiteAcceptSchema = acceptEstimateSchema.extend({ visitId: id("visit") });
