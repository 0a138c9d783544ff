/** Two customers' worlds for the /api/v1 contract tests: A's records and B's, two technicians, an admin. */
import { randomBytes } from "node:crypto";
import { getDb } from "@/db/client";
import { attempts, vendorCases } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { storeBackup } from "@/lib/backups/store";
import { offeredStart } from "@/test/support/booking";
import { recordAuthorization } from "@/lib/field/authorization";
import { TINY_PNG } from "@/test/support/field";
import { completedVisitWithDraft, issuedInvoice, sentEstimate } from "@/test/support/billing";
import { recordPayment } from "@/lib/billing/payments";

export async function makeContractWorld() {
  const [admin, tech, otherTech, custA, custB] = await Promise.all([
    makeUser("admin"),
    makeUser("technician"),
    makeUser("technician"),
    makeUser("customer"),
    makeUser("customer"),
  ]);
  const deviceA = await makeDevice(custA.customerId!, { brand: "dahua" });
  const deviceB = await makeDevice(custB.customerId!, { brand: "hikvision" });
  const visitA = await makeVisit({ customerId: custA.customerId!, technicianId: tech.id, startsAt: new Date("2030-03-04T14:00:00Z"), deviceIds: [deviceA] });
  const visitB = await makeVisit({
    customerId: custB.customerId!,
    technicianId: otherTech.id,
    startsAt: new Date("2030-03-05T14:00:00Z"),
    deviceIds: [deviceB],
  });
  const bytes = randomBytes(64);
  const backupA = await storeBackup(tech, {
    deviceId: deviceA,
    visitId: visitA,
    kind: "config",
    filename: "configFileExport.backup",
    contentType: "application/octet-stream",
    bytes,
  });
  const backupB = await storeBackup(otherTech, {
    deviceId: deviceB,
    visitId: visitB,
    kind: "config",
    filename: "b.bin",
    contentType: "application/octet-stream",
    bytes: randomBytes(8),
  });
  const db = await getDb();
  const vendorCase = async (visitId: string, deviceId: string, technicianId: string, methodId: string, vendor: "dahua" | "hikvision") => {
    const [a] = await db
      .insert(attempts)
      .values({ visitId, deviceId, methodId, seq: 1, technicianId, outcome: "waiting_vendor" })
      .returning({ id: attempts.id });
    const sentAt = new Date(Date.now() - 72 * 3600_000);
    const [c] = await db
      .insert(vendorCases)
      .values({ attemptId: a!.id, visitId, deviceId, vendor, whatWasSent: "export file", sentAt, dueAt: new Date(sentAt.getTime() + 48 * 3600_000) })
      .returning({ id: vendorCases.id });
    return c!.id;
  };
  const caseA = await vendorCase(visitA, deviceA, tech.id, "dahua_configtool_xml", "dahua");
  const caseB = await vendorCase(visitB, deviceB, otherTech.id, "hik_sadp_export", "hikvision");
  // For the write operations: free slots (the real clock), A's visits to move, cancel and assign, and one on site with the authorization signed.
  const starts = await Promise.all([0, 4, 8].map((n) => offeredStart(["dahua"], 1, n)));
  const at = (day: number) => new Date(Date.UTC(2030, 3, day, 14));
  const visitMove = await makeVisit({ customerId: custA.customerId!, technicianId: tech.id, startsAt: at(1), deviceIds: [deviceA] });
  const visitCancel = await makeVisit({ customerId: custA.customerId!, technicianId: tech.id, startsAt: at(2), deviceIds: [deviceA] });
  const visitAssign = await makeVisit({ customerId: custA.customerId!, technicianId: null, startsAt: at(3), status: "requested", deviceIds: [deviceA] });
  const visitOnSite = await makeVisit({ customerId: custA.customerId!, technicianId: tech.id, startsAt: at(4), status: "on_site", deviceIds: [deviceA] });
  await recordAuthorization(tech, { visitId: visitOnSite, personName: "Carla Owner", relationship: "owner", mode: "signature", signature: TINY_PNG });
  // Billing: A's and B's issued invoice (A's partly paid), and a sent estimate each.
  // (On the same devices as above, so the device lists stay as they are.)
  const billA = await issuedInvoice({ customer: custA, tech, admin, deviceId: deviceA });
  const billB = await issuedInvoice({ customer: custB, tech: otherTech, admin, deviceId: deviceB });
  const paymentA = await recordPayment(admin, { invoiceId: billA.invoiceId, method: "check", amount: "10.00", reference: "Check 1001" });
  const estimateA = await sentEstimate({ customer: custA, tech, admin, deviceId: deviceA });
  const estimateB = await sentEstimate({ customer: custB, tech: otherTech, admin, deviceId: deviceB });
  const draftA = await completedVisitWithDraft({ customer: custA, tech, admin, deviceId: deviceA });
  return {
    ...{ admin, tech, otherTech, custA, custB, deviceA, deviceB, visitA, visitB, backupA: { ...backupA, bytes }, backupB, caseA, caseB },
    ...{ starts, visitMove, visitCancel, visitAssign, visitOnSite },
    ...{ billA, billB, paymentA: paymentA.paymentId, estimateA, estimateB, draftA },
  };
}
export type ContractWorld = Awaited<ReturnType<typeof makeContractWorld>>;
