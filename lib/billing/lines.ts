import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { creditNoteLines, devices, estimateLines, estimates, invoiceLines, invoices } from "@/db/schema";
import { ValidationError } from "@/lib/platform/errors";
import type { LineKind } from "@/lib/values";
import { priceLine, sumLines, type LineInput, type PricedLine } from "./money";

export type DocumentLine = {
  id: string;
  position: number;
  kind: LineKind;
  description: string;
  deviceId: string | null;
  quantity: number;
  unitCents: number;
  netCents: number;
  taxable: boolean;
  taxRate: number;
  taxCents: number;
  totalCents: number;
};

type LineTable = typeof invoiceLines | typeof estimateLines | typeof creditNoteLines;

const lineColumns = (t: LineTable) => ({
  id: t.id,
  position: t.position,
  kind: t.kind,
  description: t.description,
  deviceId: t.deviceId,
  quantity: t.quantity,
  unitCents: t.unitCents,
  netCents: t.netCents,
  taxable: t.taxable,
  taxRate: t.taxRate,
  taxCents: t.taxCents,
  totalCents: t.totalCents,
});

export async function readLines(db: Executor, which: "invoice" | "estimate" | "credit_note", parentIds: string[]): Promise<Map<string, DocumentLine[]>> {
  const out = new Map<string, DocumentLine[]>(parentIds.map((id) => [id, []]));
  if (!parentIds.length) return out;
  const rows =
    which === "invoice"
      ? await db
          .select({ ...lineColumns(invoiceLines), parent: invoiceLines.invoiceId })
          .from(invoiceLines)
          .where(inArray(invoiceLines.invoiceId, parentIds))
          .orderBy(asc(invoiceLines.position))
      : which === "estimate"
        ? await db
            .select({ ...lineColumns(estimateLines), parent: estimateLines.estimateId })
            .from(estimateLines)
            .where(inArray(estimateLines.estimateId, parentIds))
            .orderBy(asc(estimateLines.position))
        : await db
            .select({ ...lineColumns(creditNoteLines), parent: creditNoteLines.creditNoteId })
            .from(creditNoteLines)
            .where(inArray(creditNoteLines.creditNoteId, parentIds))
            .orderBy(asc(creditNoteLines.position));
  for (const { parent, ...l } of rows) out.get(parent)?.push(l);
  return out;
}

/** Lines from a form: devices named must belong to the customer. Priced at `taxRate`, tax rounded once per line. */
export async function priceFormLines(
  tx: Executor,
  customerId: string,
  lines: readonly (Omit<LineInput, "unitCents"> & { unitPrice: number })[],
  taxRate: number,
): Promise<PricedLine[]> {
  const ids = [...new Set(lines.map((l) => l.deviceId).filter((d): d is string => !!d))];
  if (ids.length) {
    const found = await tx
      .select({ id: devices.id })
      .from(devices)
      .where(and(inArray(devices.id, ids), eq(devices.customerId, customerId)));
    const ok = new Set(found.map((r) => r.id));
    const bad = lines.findIndex((l) => l.deviceId && !ok.has(l.deviceId));
    if (bad >= 0)
      throw new ValidationError("A line names a device of another customer.", { [`lines.${bad}.deviceId`]: ["That device is not this customer's."] });
  }
  return lines.map((l) =>
    priceLine(
      { kind: l.kind, description: l.description, quantity: l.quantity, unitCents: l.unitPrice, taxable: l.taxable, deviceId: l.deviceId || null },
      taxRate,
    ),
  );
}

const values = (lines: readonly PricedLine[]) =>
  lines.map((l, i) => ({
    position: i + 1,
    kind: l.kind,
    description: l.description,
    deviceId: l.deviceId ?? null,
    quantity: l.quantity,
    unitCents: l.unitCents,
    netCents: l.netCents,
    taxable: l.taxable,
    taxRate: l.taxRate,
    taxCents: l.taxCents,
    totalCents: l.totalCents,
  }));

/** Replace an invoice's lines and set its totals to their sum (in SQL, from the rows just written). */
export async function replaceInvoiceLines(tx: Executor, invoiceId: string, lines: readonly PricedLine[]) {
  await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId));
  if (lines.length) await tx.insert(invoiceLines).values(values(lines).map((v) => ({ ...v, invoiceId })));
  await tx
    .update(invoices)
    .set({
      subtotalCents: sql`(SELECT coalesce(sum(net_cents), 0) FROM invoice_lines WHERE invoice_id = ${invoiceId})`,
      taxCents: sql`(SELECT coalesce(sum(tax_cents), 0) FROM invoice_lines WHERE invoice_id = ${invoiceId})`,
      totalCents: sql`(SELECT coalesce(sum(total_cents), 0) FROM invoice_lines WHERE invoice_id = ${invoiceId})`,
      updatedAt: new Date(),
    })
    .where(eq(invoices.id, invoiceId));
  return sumLines(lines);
}

export async function replaceEstimateLines(tx: Executor, estimateId: string, lines: readonly PricedLine[], opts: { bump: boolean }) {
  await tx.delete(estimateLines).where(eq(estimateLines.estimateId, estimateId));
  if (lines.length) await tx.insert(estimateLines).values(values(lines).map((v) => ({ ...v, estimateId })));
  const t = sumLines(lines);
  await tx
    .update(estimates)
    .set({ ...t, updatedAt: new Date(), ...(opts.bump ? { revision: sql`${estimates.revision} + 1` } : {}) })
    .where(eq(estimates.id, estimateId));
  return t;
}

export async function insertCreditNoteLines(tx: Executor, creditNoteId: string, lines: readonly PricedLine[]) {
  await tx.insert(creditNoteLines).values(values(lines).map((v) => ({ ...v, creditNoteId })));
}
