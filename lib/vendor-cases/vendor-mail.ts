import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { authorizations, devices, type EvidenceItem, type MailAttachment, type Vendor } from "@/db/schema";
import { formatFullDateTime } from "@/lib/format/dates";
import type { OutgoingMail } from "@/lib/mail/outbox";
import { vaultAttachment } from "@/lib/mail/attachments";
import type { CompanySettings } from "@/lib/settings/company";
import { deviceLabel, PHOTO_KIND_LABELS, RELATIONSHIP_LABELS, VENDOR_LABELS } from "@/lib/values/labels";
import { evidenceFiles } from "./evidence-data";

/**
 * The email to a vendor's support desk, drafted when a case is sent: the
 * device facts and the customer's authorization in the text, the evidence
 * photos the method asks for and the exported request file attached (as
 * vault references: they stay encrypted until the mail is sent), the
 * authorization statement and signature attached too.
 */
export async function vendorCaseMail(
  tx: Executor,
  c: {
    to: string;
    vendor: Vendor;
    visit: { id: string; reference: string };
    deviceId: string;
    method: { name: string; evidence: EvidenceItem[] };
    whatWasSent: string;
    requestFileId: string | null;
    settings: CompanySettings;
  },
): Promise<OutgoingMail> {
  const s = c.settings;
  const [[d], [auth], files] = await Promise.all([
    tx
      .select({
        brand: devices.brand,
        kind: devices.kind,
        model: devices.model,
        serial: devices.serial,
        firmware: devices.firmware,
        mac: devices.mac,
        lorexDeviceId: devices.lorexDeviceId,
      })
      .from(devices)
      .where(eq(devices.id, c.deviceId)),
    tx
      .select({
        personName: authorizations.personName,
        relationship: authorizations.relationship,
        statement: authorizations.statement,
        signaturePng: authorizations.signaturePng,
        typedAcknowledgement: authorizations.typedAcknowledgement,
        recordedAt: authorizations.recordedAt,
      })
      .from(authorizations)
      .where(eq(authorizations.visitId, c.visit.id)),
    evidenceFiles(tx, c.visit.id, c.deviceId),
  ]);
  // One photo per photo item of the checklist (the newest that qualifies), in the checklist's order.
  const photos = c.method.evidence.flatMap((item) => {
    if (item.item !== "photo") return [];
    const p = files.photos.find((x) => x.photoKind === item.photoKind && (!item.thisVisit || x.thisVisit));
    return p ? [p] : [];
  });
  const unique = [...new Map(photos.map((p) => [p.id, p])).values()];
  const request = c.requestFileId ? files.requests.find((r) => r.id === c.requestFileId) : undefined;
  const label = deviceLabel(d!);
  const attachments: MailAttachment[] = [
    ...unique.map((p, i) =>
      vaultAttachment({
        ...p,
        filename: `${i + 1}-${PHOTO_KIND_LABELS[p.photoKind].toLowerCase().replace(/[^a-z0-9]+/g, "-")}.${p.filename.split(".").pop()}`,
      }),
    ),
    ...(request ? [vaultAttachment(request)] : []),
  ];
  const authLines: string[] = [];
  if (auth) {
    const how = auth.signaturePng ? "signed on the technician's screen" : `acknowledged by typing their name ("${auth.typedAcknowledgement}")`;
    authLines.push(
      `${auth.personName} (${RELATIONSHIP_LABELS[auth.relationship].toLowerCase()}) confirmed on ${formatFullDateTime(auth.recordedAt, s)}, ${how}:`,
      `"${auth.statement}"`,
    );
    attachments.push({
      filename: "authorization.txt",
      contentType: "text/plain; charset=utf-8",
      contentBase64: Buffer.from(
        [
          `Customer authorization for ${c.visit.reference}`,
          `Name: ${auth.personName}`,
          `Relationship to the equipment: ${RELATIONSHIP_LABELS[auth.relationship]}`,
          `Recorded: ${formatFullDateTime(auth.recordedAt, s)}`,
          `Statement: ${auth.statement}`,
          auth.signaturePng ? "Signature: attached (signature.png)" : `Typed acknowledgement: ${auth.typedAcknowledgement}`,
          "",
        ].join("\n"),
        "utf8",
      ).toString("base64"),
    });
    if (auth.signaturePng) attachments.push({ filename: "signature.png", contentType: "image/png", contentBase64: auth.signaturePng.toString("base64") });
  }
  const facts: [string, string | null][] = [
    ["Device", label],
    ["Serial number", d!.serial],
    ...(d!.brand === "lorex" ? ([["Lorex Device ID", d!.lorexDeviceId]] as [string, string | null][]) : []),
    ["MAC address", d!.mac],
    ["Firmware", d!.firmware],
  ];
  const text = [
    `Hello ${VENDOR_LABELS[c.vendor]} support,`,
    "",
    `${s.companyName} is on site with a customer who is locked out of a recorder they own. We request: ${c.method.name}.`,
    `Sent: ${c.whatWasSent}`,
    "",
    "The device",
    ...facts.filter(([, v]) => v).map(([k, v]) => `- ${k}: ${v}`),
    "",
    "The owner's authorization",
    ...(authLines.length ? authLines : ["(none recorded)"]),
    "",
    "Attached",
    ...unique.map((p) => `- ${PHOTO_KIND_LABELS[p.photoKind]} (photo)`),
    ...(request ? [`- ${request.filename} (the exported request file)`] : []),
    ...(auth ? ["- authorization.txt (the statement above)", ...(auth.signaturePng ? ["- signature.png"] : [])] : []),
    "",
    `Please reply to this email with the result, quoting our reference ${c.visit.reference}. The device will not be rebooted until then.`,
    "",
    s.companyName,
    [s.companyPhone, s.companyEmail].filter(Boolean).join(" · "),
  ].join("\n");
  return {
    kind: "vendor_case.request",
    to: c.to,
    subject: `Password reset request ${c.visit.reference}: ${label}${d!.serial ? `, S/N ${d!.serial}` : ""}${d!.brand === "lorex" && d!.lorexDeviceId ? `, Device ID ${d!.lorexDeviceId}` : ""}`,
    text,
    attachments,
    visitId: c.visit.id,
  };
}
