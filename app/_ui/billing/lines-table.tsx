import { formatMoney } from "@/lib/billing/money";
import type { Currency } from "@/lib/values";
import { ScrollRegion } from "@/app/_ui/scroll-region";

type Line = { id: string; description: string; quantity: number; unitCents: number; netCents: number; taxCents: number; taxable: boolean };

/** A document's lines and totals, read-only. */
export function LinesTable(p: {
  lines: Line[];
  currency: Currency;
  locale: string;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  taxName?: string;
  caption: string;
}) {
  const m = (c: number) => formatMoney(c, p.currency, p.locale);
  return (
    <ScrollRegion label={p.caption}>
      <table className="w-full text-sm" data-no-open="A line is part of its invoice or estimate: this page shows all of it.">
        <caption className="sr-only">{p.caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-2 pr-2">
              Description
            </th>
            <th scope="col" className="py-2 pr-2 text-right">
              Qty
            </th>
            <th scope="col" className="py-2 pr-2 text-right">
              Unit price
            </th>
            <th scope="col" className="py-2 pr-2 text-right">
              Tax
            </th>
            <th scope="col" className="py-2 text-right">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {p.lines.map((l) => (
            <tr key={l.id} className="border-b border-slate-100">
              <td className="py-2 pr-2">{l.description}</td>
              <td className="py-2 pr-2 text-right">{l.quantity}</td>
              <td className="py-2 pr-2 text-right">{m(l.unitCents)}</td>
              <td className="py-2 pr-2 text-right">{l.taxable ? m(l.taxCents) : "—"}</td>
              <td className="py-2 text-right">{m(l.netCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4} className="pt-2 pr-2 text-right font-normal">
              Subtotal
            </th>
            <td className="pt-2 text-right">{m(p.subtotalCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4} className="pr-2 text-right font-normal">
              {p.taxName ?? "Tax"}
            </th>
            <td className="text-right">{m(p.taxCents)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4} className="pr-2 text-right">
              Total
            </th>
            <td className="text-right font-semibold" data-testid="document-total">
              {m(p.totalCents)}
            </td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}
