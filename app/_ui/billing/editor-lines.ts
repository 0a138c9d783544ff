import type { LineFormInput } from "@/lib/billing/schemas";

/** A document's lines as editor rows (server and client: the pages call it while rendering). */
export const toEditorLines = (
  lines: { kind: LineFormInput["kind"]; description: string; quantity: number; unitCents: number; taxable: boolean; deviceId: string | null }[],
): LineFormInput[] =>
  lines.map((l) => ({
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    unitPrice: (l.unitCents / 100).toFixed(2),
    taxable: l.taxable,
    deviceId: l.deviceId ?? "",
  }));
