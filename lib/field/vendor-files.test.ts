import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { vendorCases } from "@/db/schema";
import { storeBackup } from "@/lib/backups/store";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/platform/errors";
import { logAttempt } from "./attempts";
import { attempt, prepareEvidence, scenario } from "@/test/support/field";
import { closeVendorCase } from "@/lib/vendor-cases/manage";
import { attachVendorFile } from "./vendor-files";

const store = (
  actor: Parameters<typeof storeBackup>[0],
  deviceId: string,
  visitId: string,
  kind: "vendor_request" | "vendor_result" | "config",
  name = "request.xml",
) => storeBackup(actor, { deviceId, visitId, kind, filename: name, contentType: "application/xml", bytes: Buffer.from(`<reset>${name}</reset>`) });

describe("vendor case files (in the vault)", () => {
  it("sends the request exported on this visit with the case; the vendor's result marks it received and starts its 24-hour clock", async () => {
    const s = await scenario({ authorized: true });
    await prepareEvidence(s.tech, s.visitId, s.dahua, "dahua_configtool_xml");
    const req = await store(s.tech, s.dahua, s.visitId, "vendor_request", "newest.xml");
    const { vendorCaseId } = await logAttempt(
      s.tech,
      attempt(s.visitId, s.dahua, {
        methodId: "dahua_configtool_xml",
        outcome: "waiting_vendor",
        vendorCase: { vendor: "dahua", whatWasSent: "ConfigTool XML" },
      }),
    );
    // The newest export of this visit went with the case; it is kept as it is.
    await expect(attachVendorFile(s.tech, { caseId: vendorCaseId!, backupId: req.id, which: "request" })).rejects.toThrow(/already has its request file/);
    const res = await store(s.tech, s.dahua, s.visitId, "vendor_result", "result.bin");
    await attachVendorFile(s.tech, { caseId: vendorCaseId!, backupId: res.id, which: "result" });
    const db = await getDb();
    const [c] = await db.select().from(vendorCases).where(eq(vendorCases.id, vendorCaseId!));
    expect(c).toMatchObject({ requestBackupId: req.id, resultBackupId: res.id, status: "result_received" });
    expect(c!.expiresAt!.getTime() - c!.resultReceivedAt!.getTime()).toBe(24 * 3_600_000);
    // Still blocks completion until closed; closing keeps the files.
    await closeVendorCase(s.tech, { caseId: vendorCaseId!, result: "received", resultNote: "Imported the result file" });
    const [closed] = await db.select().from(vendorCases).where(eq(vendorCases.id, vendorCaseId!));
    expect(closed).toMatchObject({ status: "closed", requestBackupId: req.id, resultBackupId: res.id });
    const again = await store(s.tech, s.dahua, s.visitId, "vendor_result", "late.bin");
    await expect(attachVendorFile(s.tech, { caseId: vendorCaseId!, backupId: again.id, which: "result" })).rejects.toThrow(/closed/);
  });

  it("refuses files of another device or kind, a second link, and other technicians", async () => {
    const s = await scenario({ authorized: true });
    // Serial + date sends no file of its own: a request file may be linked afterwards.
    await prepareEvidence(s.tech, s.visitId, s.dahua, "dahua_support_serial_date");
    const { vendorCaseId } = await logAttempt(
      s.tech,
      attempt(s.visitId, s.dahua, {
        methodId: "dahua_support_serial_date",
        outcome: "waiting_vendor",
        vendorCase: { vendor: "dahua", whatWasSent: "Serial and on-screen date" },
      }),
    );
    const otherDevice = await store(s.tech, s.hik, s.visitId, "vendor_request");
    await expect(attachVendorFile(s.tech, { caseId: vendorCaseId!, backupId: otherDevice.id, which: "request" })).rejects.toThrow(
      /not a backup of this device/,
    );
    const config = await store(s.tech, s.dahua, s.visitId, "config", "configFileExport.backup");
    await expect(attachVendorFile(s.tech, { caseId: vendorCaseId!, backupId: config.id, which: "request" })).rejects.toBeInstanceOf(ValidationError);
    const req = await store(s.tech, s.dahua, s.visitId, "vendor_request");
    await expect(attachVendorFile(s.otherTech, { caseId: vendorCaseId!, backupId: req.id, which: "request" })).rejects.toBeInstanceOf(NotFoundError);
    await attachVendorFile(s.tech, { caseId: vendorCaseId!, backupId: req.id, which: "request" });
    const second = await store(s.tech, s.dahua, s.visitId, "vendor_request", "second.xml");
    await expect(attachVendorFile(s.tech, { caseId: vendorCaseId!, backupId: second.id, which: "request" })).rejects.toBeInstanceOf(ConflictError);
  });
});
