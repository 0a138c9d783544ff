import type { VendorExpiryRow } from "@/lib/reports/vendor-expiry";
import { brandLabel, pct } from "./format";
import { Empty, Section, Table, td, th } from "./ui";

/** How often vendors' answers expired (or were voided) before they were used: beside the turnaround, per vendor and method. */
export function VendorExpirySection({ rows }: { rows: VendorExpiryRow[] }) {
  return (
    <Section
      id="vendor-expiry"
      title="Vendor answers that died unused"
      intro="Of the vendors' answers that came back: how many were used, and how many expired before they were (each method's answer lives as long as the catalogue says: 24 h for a ConfigTool result, the end of the day for a Lorex temporary password) or were voided on site, e.g. by a reboot."
    >
      {rows.length === 0 ? (
        <Empty>No vendor answers for these filters.</Empty>
      ) : (
        <Table
          caption="Vendor answers per vendor and method"
          head={["Vendor and method", "Answers", "Used", "Expired unused", "Voided", "Still usable", "Lost"]}
        >
          {rows.map((r) => {
            const ended = r.used + r.expiredUnused + r.voided;
            return (
              <tr key={`${r.vendor}-${r.methodId}`} className="border-b border-slate-100" data-testid="vendor-expiry-row">
                <th scope="row" className={th}>
                  {brandLabel(r.vendor)}: {r.methodName}
                </th>
                <td className={td}>{r.answered}</td>
                <td className={td}>{r.used}</td>
                <td className={td}>{r.expiredUnused}</td>
                <td className={td}>{r.voided}</td>
                <td className={td}>{r.live}</td>
                <td className={td}>{ended ? pct((r.expiredUnused + r.voided) / ended) : "—"}</td>
              </tr>
            );
          })}
        </Table>
      )}
    </Section>
  );
}
