/**
 * The PDF of an estimate, invoice or credit note (@react-pdf/renderer, on the
 * server). DejaVu Sans is bundled (lib/billing/pdf/fonts) so names in any
 * Latin, Greek or Cyrillic script print as typed; Helvetica would not.
 */
import "server-only";
import path from "node:path";
import { Document, Font, Image, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { formatDate, type ZoneAndLocale } from "@/lib/format/dates";
import { formatMoney, rateToPercent } from "../money";
import type { DocumentView } from "../documents";

const FONTS = path.join(process.cwd(), "lib", "billing", "pdf", "fonts");
let registered = false;
function registerFonts() {
  if (registered) return;
  Font.register({
    family: "DejaVuSans",
    fonts: [{ src: path.join(FONTS, "DejaVuSans.ttf") }, { src: path.join(FONTS, "DejaVuSans-Bold.ttf"), fontWeight: "bold" }],
  });
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

const s = StyleSheet.create({
  page: { padding: 40, paddingBottom: 60, fontSize: 9.5, fontFamily: "DejaVuSans", color: "#0f172a" },
  row: { flexDirection: "row" },
  between: { flexDirection: "row", justifyContent: "space-between" },
  h1: { fontSize: 18, fontWeight: "bold", marginBottom: 4 },
  h2: { fontSize: 11, fontWeight: "bold", marginTop: 14, marginBottom: 4 },
  muted: { color: "#475569" },
  block: { marginTop: 12 },
  th: { flexDirection: "row", borderBottomWidth: 1, borderColor: "#0f172a", paddingVertical: 4, fontWeight: "bold" },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: "#cbd5e1", paddingVertical: 4 },
  cDesc: { flexGrow: 1, flexBasis: 0, paddingRight: 6 },
  cQty: { width: 36, textAlign: "right" },
  cAmt: { width: 72, textAlign: "right" },
  cTax: { width: 56, textAlign: "right" },
  totals: { marginTop: 8, marginLeft: "auto", width: 220 },
  totalRow: { flexDirection: "row", justifyContent: "space-between", paddingVertical: 2 },
  grand: { fontWeight: "bold", fontSize: 11, borderTopWidth: 1, borderColor: "#0f172a", paddingTop: 4, marginTop: 2 },
  footer: { position: "absolute", bottom: 28, left: 40, right: 40, fontSize: 8, color: "#475569", flexDirection: "row", justifyContent: "space-between" },
  badge: { fontSize: 10, fontWeight: "bold", marginTop: 2 },
});

function DocumentPdf({ d, zone }: { d: DocumentView; zone: ZoneAndLocale }) {
  const m = (c: number) => formatMoney(c, d.currency, zone.locale);
  const rates = [...new Set(d.lines.filter((l) => l.taxable).map((l) => rateToPercent(l.taxRate)))];
  const kindName = d.kind === "invoice" ? "Invoice" : d.kind === "estimate" ? "Estimate" : "Credit note";
  return (
    <Document title={d.title} author={d.company.name} subject={`${kindName} for ${d.customer.name}`}>
      <Page size="LETTER" style={s.page}>
        <View style={s.between}>
          <View>
            {d.company.logo ? (
              // react-pdf's <Image> draws into the PDF; it has no alt attribute (the company name is the document's author and is printed beside it)
              // eslint-disable-next-line jsx-a11y/alt-text
              <Image
                src={{ data: d.company.logo.bytes, format: d.company.logo.contentType === "image/png" ? "png" : "jpg" }}
                style={{ width: 120, maxHeight: 60, marginBottom: 6, objectFit: "contain" }}
              />
            ) : null}
            <Text style={{ fontWeight: "bold", fontSize: 11 }}>{d.company.name}</Text>
            <Text>{d.company.address}</Text>
            <Text>
              {d.company.phone} · {d.company.email}
            </Text>
          </View>
          <View style={{ alignItems: "flex-end" }}>
            <Text style={s.h1}>{d.title}</Text>
            <Text style={s.badge}>Status: {d.overdue ? `${d.statusLabel} — overdue` : d.statusLabel}</Text>
            {d.date ? (
              <Text>
                {d.kind === "estimate" ? "Sent" : "Date"}: {formatDate(d.date, zone)}
              </Text>
            ) : null}
            {d.dueOn ? <Text>Due: {formatDate(d.dueOn, zone)}</Text> : null}
            {d.validUntil ? <Text>Valid until: {formatDate(d.validUntil, zone)}</Text> : null}
          </View>
        </View>

        <View style={[s.row, s.block]}>
          <View style={{ flexGrow: 1, flexBasis: 0 }}>
            <Text style={s.h2}>Bill to</Text>
            <Text>{d.customer.name}</Text>
            {d.customer.email ? <Text>{d.customer.email}</Text> : null}
            {d.customer.phone ? <Text>{d.customer.phone}</Text> : null}
          </View>
          <View style={{ flexGrow: 1, flexBasis: 0 }}>
            <Text style={s.h2}>Visit</Text>
            <Text>
              {d.visit.reference} · {formatDate(d.visit.startsAt, zone)}
            </Text>
            <Text>Site: {d.site}</Text>
            <Text>Technician: {d.visit.technicianName ?? "to be assigned"}</Text>
          </View>
        </View>

        {d.devices.length ? (
          <View>
            <Text style={s.h2}>Devices and what was done</Text>
            {d.devices.map((dev, i) => (
              <Text key={i}>
                • {dev.label}
                {dev.serial ? ` (S/N ${dev.serial})` : ""}: {dev.result}
              </Text>
            ))}
          </View>
        ) : null}

        <Text style={s.h2}>Lines</Text>
        <View style={s.th} fixed>
          <Text style={s.cDesc}>Description</Text>
          <Text style={s.cQty}>Qty</Text>
          <Text style={s.cAmt}>Unit price</Text>
          <Text style={s.cTax}>Tax</Text>
          <Text style={s.cAmt}>Amount</Text>
        </View>
        {d.lines.map((l) => (
          <View key={l.id} style={s.tr} wrap={false}>
            <Text style={s.cDesc}>{l.description}</Text>
            <Text style={s.cQty}>{l.quantity}</Text>
            <Text style={s.cAmt}>{m(l.unitCents)}</Text>
            <Text style={s.cTax}>{l.taxable ? m(l.taxCents) : "—"}</Text>
            <Text style={s.cAmt}>{m(l.netCents)}</Text>
          </View>
        ))}
        <View style={s.totals} wrap={false}>
          <View style={s.totalRow}>
            <Text>Subtotal</Text>
            <Text>{m(d.subtotalCents)}</Text>
          </View>
          <View style={s.totalRow}>
            <Text>
              {d.taxName}
              {rates.length ? ` (${rates.map((r) => `${r}%`).join(", ")})` : ""}
            </Text>
            <Text>{m(d.taxCents)}</Text>
          </View>
          <View style={[s.totalRow, s.grand]}>
            <Text>Total</Text>
            <Text>{m(d.totalCents)}</Text>
          </View>
          {d.kind === "invoice" ? (
            <>
              {d.creditedCents ? (
                <View style={s.totalRow}>
                  <Text>Credited</Text>
                  <Text>−{m(d.creditedCents)}</Text>
                </View>
              ) : null}
              <View style={s.totalRow}>
                <Text>Paid</Text>
                <Text>−{m(d.paidCents)}</Text>
              </View>
              <View style={[s.totalRow, { fontWeight: "bold" }]}>
                <Text>Balance due</Text>
                <Text>{m(d.balanceCents)}</Text>
              </View>
            </>
          ) : null}
        </View>

        <View style={s.block}>
          <Text style={s.h2}>Terms</Text>
          <Text>{d.terms}</Text>
          {d.related.length && d.kind === "invoice" ? <Text>Credit notes: {d.related.map((r) => r.number).join(", ")}</Text> : null}
          {d.notes ? <Text style={{ marginTop: 4 }}>{d.notes}</Text> : null}
          {d.acceptance ? (
            <Text style={{ marginTop: 4 }}>
              Accepted by {d.acceptance.name} on {formatDate(d.acceptance.at, zone)} (
              {d.acceptance.via === "on_site" ? "on site, with the technician" : "online"}).
            </Text>
          ) : null}
        </View>

        <View style={s.footer} fixed>
          <Text>
            {d.company.name} · {d.title}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

/** The document as PDF bytes. */
export async function renderDocumentPdf(d: DocumentView, zone: ZoneAndLocale): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(<DocumentPdf d={d} zone={zone} />);
}

export function pdfFilename(d: DocumentView) {
  return `${d.title.replace(/[^\w.-]+/g, "-")}.pdf`;
}
