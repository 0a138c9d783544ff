/** Builders for the billing tests: completed visits with a draft invoice, an issued invoice, a sent estimate. */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { invoices, webhookDeliveries } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { draftInvoiceForVisit } from "@/lib/billing/invoices";
import { issueInvoice } from "@/lib/billing/invoices";
import { sendEstimate, startEstimate } from "@/lib/billing/estimates";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";

let hour = 0;
/** Each visit its own hour (visits of one technician must not overlap). */
const nextStart = () => new Date(Date.UTC(2031, 0, 5, 15) + (hour += 2) * 3_600_000);

/** A completed visit of `customer` on `tech`, with a Dahua NVR, and its draft invoice (made as completion makes it). */
export async function completedVisitWithDraft(people: { customer: Actor; tech: Actor; admin: Actor; deviceId?: string }) {
  const deviceId = people.deviceId ?? (await makeDevice(people.customer.customerId!, { brand: "dahua", kind: "nvr" }));
  const visitId = await makeVisit({
    customerId: people.customer.customerId!,
    technicianId: people.tech.id,
    startsAt: nextStart(),
    status: "completed",
    deviceIds: [deviceId],
  });
  const db = await getDb();
  const invoiceId = await db.transaction((tx) => draftInvoiceForVisit(tx, visitId, people.admin.id));
  return { visitId, deviceId, invoiceId };
}

export async function issuedInvoice(people: { customer: Actor; tech: Actor; admin: Actor; deviceId?: string }) {
  const v = await completedVisitWithDraft(people);
  const issued = await issueInvoice(people.admin, { invoiceId: v.invoiceId });
  return { ...v, ...issued };
}

/** A scheduled visit with a sent estimate. */
export async function sentEstimate(people: { customer: Actor; tech: Actor; admin: Actor; deviceId?: string }) {
  const deviceId = people.deviceId ?? (await makeDevice(people.customer.customerId!, { brand: "hikvision", kind: "nvr" }));
  const visitId = await makeVisit({ customerId: people.customer.customerId!, technicianId: people.tech.id, startsAt: nextStart(), deviceIds: [deviceId] });
  const { estimateId } = await startEstimate(people.admin, { visitId });
  await sendEstimate(people.admin, { estimateId });
  return { visitId, deviceId, estimateId };
}

export const clientRef = () => randomUUID();

export type BillingPeople = Awaited<ReturnType<typeof billingPeople>>;
/** The people of a billing test file, and a webhook endpoint for the invoice events (read back with invoiceEvents). */
export async function billingPeople() {
  const [admin, tech, otherTech, customer, otherCustomer] = await Promise.all([
    makeUser("admin"),
    makeUser("technician"),
    makeUser("technician"),
    makeUser("customer"),
    makeUser("customer"),
  ]);
  await createWebhookEndpoint(admin, { url: "https://hooks.example.com/billing", description: "ERP", events: ["invoice.issued", "invoice.paid"] }, null);
  return { admin, tech, otherTech, customer, otherCustomer };
}

export async function invoiceRow(id: string) {
  const db = await getDb();
  return (await db.select().from(invoices).where(eq(invoices.id, id)))[0]!;
}

/** The webhook events emitted for one invoice, sorted. */
export async function invoiceEvents(invoiceId: string) {
  const db = await getDb();
  const rows = await db.select({ event: webhookDeliveries.event, payload: webhookDeliveries.payload }).from(webhookDeliveries);
  return rows
    .filter((r) => (r.payload as { data: { invoice: { id: string } } }).data.invoice?.id === invoiceId)
    .map((r) => r.event)
    .sort();
}

/** One taxable adjustment line ("Work") at this price, as the line editors take it. */
export const lines = (unitPrice: string, quantity = 1) => [{ kind: "adjustment" as const, description: "Work", quantity, unitPrice, taxable: true }];
