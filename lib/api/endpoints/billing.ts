import { z } from "zod";
import { CURRENCIES, ESTIMATE_STATUSES, INVOICE_STATUSES, LINE_KINDS, PAYMENT_METHODS, SURCHARGES } from "@/db/schema";
import { defineEndpoint, idParams, pageOf } from "@/lib/api/registry";
import { quoteSchema } from "@/lib/billing/schemas";
import { pageQuerySchema } from "@/lib/platform/pagination";

const tag = "Billing";
const ts = () => z.iso.datetime({ offset: true });
const cents = (description: string) =>
  z
    .number()
    .int()
    .meta({ description: `${description}, in cents` });
const day = () => z.string().meta({ description: "Local date (company time zone)", example: "2026-05-12" });

export const lineDto = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    kind: z.enum(LINE_KINDS),
    description: z.string(),
    deviceId: z.uuid().nullable(),
    quantity: z.number().int().min(1).max(1000),
    unitCents: cents("Unit price"),
    netCents: cents("Quantity × unit price"),
    taxable: z.boolean(),
    taxRate: z.number().int().meta({ description: "Thousandths of a percent (8.875% = 8875)" }),
    taxCents: cents("Tax on this line, rounded half up once"),
    totalCents: cents("Net + tax"),
  })
  .meta({ id: "DocumentLine" });

const quoteLineDto = lineDto.omit({ id: true, position: true }).extend({ deviceId: z.uuid().nullable().optional() });
export const quoteDto = z
  .object({
    currency: z.enum(CURRENCIES),
    subtotalCents: cents("Sum of the lines' net amounts"),
    taxCents: cents("Sum of the lines' tax"),
    totalCents: cents("Subtotal + tax"),
    surcharges: z.array(z.enum(SURCHARGES)),
    summary: z.string().meta({ example: "Call-out $89.00 + 2 × $49.00 = $187.00 before tax" }),
    lines: z.array(quoteLineDto),
  })
  .meta({ id: "Quote" });

export const invoiceDto = z
  .object({
    id: z.uuid(),
    number: z.string().nullable().meta({ example: "2026-0042", description: "Null while a draft" }),
    status: z.enum(INVOICE_STATUSES),
    overdue: z.boolean().meta({ description: "Issued or partially paid, past its due date" }),
    visitId: z.uuid(),
    visitReference: z.string(),
    customerId: z.uuid(),
    customerName: z.string(),
    currency: z.enum(CURRENCIES),
    subtotalCents: cents("Subtotal"),
    taxCents: cents("Tax"),
    totalCents: cents("Total"),
    paidCents: cents("Paid"),
    creditedCents: cents("Credited by credit notes"),
    balanceCents: cents("Still owed"),
    issuedAt: ts().nullable(),
    dueOn: day().nullable(),
    createdAt: ts(),
  })
  .meta({ id: "Invoice" });

export const invoiceDetailDto = invoiceDto
  .extend({
    termsDays: z.number().int(),
    notes: z.string().nullable(),
    voidReason: z.string().nullable(),
    lines: z.array(lineDto),
    payments: z.array(
      z.object({
        id: z.uuid(),
        method: z.enum(PAYMENT_METHODS),
        amountCents: cents("Amount"),
        receivedOn: day(),
        reference: z.string().nullable(),
        recordedAt: ts(),
      }),
    ),
    creditNotes: z.array(z.object({ id: z.uuid(), number: z.string(), totalCents: cents("Total credited"), reason: z.string(), issuedAt: ts() })),
  })
  .meta({ id: "InvoiceDetail" });

export const estimateDto = z
  .object({
    id: z.uuid(),
    visitId: z.uuid(),
    visitReference: z.string(),
    customerId: z.uuid(),
    customerName: z.string(),
    version: z.number().int(),
    status: z.enum(ESTIMATE_STATUSES),
    current: z.boolean().meta({ description: "False once a newer version replaced it" }),
    revision: z.number().int(),
    currency: z.enum(CURRENCIES),
    subtotalCents: cents("Subtotal"),
    taxCents: cents("Tax"),
    totalCents: cents("Total"),
    sentAt: ts().nullable(),
    validUntil: day().nullable(),
    acceptedName: z.string().nullable(),
    acceptedAt: ts().nullable(),
    acceptedVia: z.enum(["portal", "on_site"]).nullable(),
    declinedAt: ts().nullable(),
    createdAt: ts(),
  })
  .meta({ id: "Estimate" });
export const estimateDetailDto = estimateDto.extend({ notes: z.string().nullable(), lines: z.array(lineDto) }).meta({ id: "EstimateDetail" });

export const paymentDto = z
  .object({
    id: z.uuid(),
    invoiceId: z.uuid(),
    invoiceNumber: z.string().nullable(),
    customerId: z.uuid(),
    method: z.enum(PAYMENT_METHODS),
    amountCents: cents("Amount"),
    currency: z.enum(CURRENCIES),
    receivedOn: day(),
    reference: z.string().nullable(),
    provider: z.string().nullable().meta({ description: "A payment provider, for online payments (none yet)" }),
    providerRef: z.string().nullable(),
    recordedAt: ts(),
  })
  .meta({ id: "Payment" });

export const quoteEndpoint = defineEndpoint({
  operationId: "quoteVisit",
  method: "post",
  path: "/api/v1/quotes",
  summary: "Estimate the price of a visit",
  description:
    "The estimate the booking form shows before confirming: call-out, devices by brand and kind, and surcharges by the visit's local start time (after hours, weekend, same day), with tax per line. The same price function makes the invoice.",
  tag,
  public: true,
  body: quoteSchema,
  response: { status: 200, description: "The estimate", schema: quoteDto },
});

const statusFilter = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, `Use one of: ${values.join(", ")}.`).optional();

export const listInvoicesEndpoint = defineEndpoint({
  operationId: "listInvoices",
  method: "get",
  path: "/api/v1/invoices",
  summary: "List invoices",
  description: "Oldest first. Admins' tokens see all (drafts included); customers' their own issued invoices; technicians' those of visits assigned to them.",
  tag,
  scope: "invoices:read",
  query: pageQuerySchema.extend({ status: statusFilter(INVOICE_STATUSES), customerId: z.uuid("Use a customer id.").optional() }),
  response: { status: 200, description: "A page of invoices", schema: pageOf(invoiceDto, "InvoicePage") },
});

export const getInvoiceEndpoint = defineEndpoint({
  operationId: "getInvoice",
  method: "get",
  path: "/api/v1/invoices/{id}",
  summary: "Get an invoice with its lines, payments and credit notes",
  tag,
  scope: "invoices:read",
  params: idParams("Invoice id"),
  response: { status: 200, description: "The invoice", schema: invoiceDetailDto },
});

export const listEstimatesEndpoint = defineEndpoint({
  operationId: "listEstimates",
  method: "get",
  path: "/api/v1/estimates",
  summary: "List estimates",
  description: "Oldest first, every version. Scoped like invoices; customers never see drafts.",
  tag,
  scope: "estimates:read",
  query: pageQuerySchema.extend({ status: statusFilter(ESTIMATE_STATUSES), current: z.enum(["true", "false"], "Use true or false.").optional() }),
  response: { status: 200, description: "A page of estimates", schema: pageOf(estimateDto, "EstimatePage") },
});

export const getEstimateEndpoint = defineEndpoint({
  operationId: "getEstimate",
  method: "get",
  path: "/api/v1/estimates/{id}",
  summary: "Get an estimate with its lines",
  tag,
  scope: "estimates:read",
  params: idParams("Estimate id"),
  response: { status: 200, description: "The estimate", schema: estimateDetailDto },
});

export const listPaymentsEndpoint = defineEndpoint({
  operationId: "listPayments",
  method: "get",
  path: "/api/v1/payments",
  summary: "List payments",
  description: "In the order they were recorded. Scoped like invoices.",
  tag,
  scope: "payments:read",
  query: pageQuerySchema.extend({ invoiceId: z.uuid("Use an invoice id.").optional() }),
  response: { status: 200, description: "A page of payments", schema: pageOf(paymentDto, "PaymentPage") },
});
