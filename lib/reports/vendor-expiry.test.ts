import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { devices, vendorCases, type VendorCaseCloseReason, type VendorCaseStatus } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { addAttempt, addVendorCase } from "@/test/support/reports";
import { getVendorExpiry } from "./vendor-expiry";

describe("vendor answers that died unused (reports)", () => {
  it("counts per vendor and method the answers used, expired unused, voided and still live; cases with no answer do not count", async () => {
    const admin = await makeUser("admin");
    const tech = await makeUser("technician");
    const customer = await makeUser("customer");
    const lorex = await makeDevice(customer.customerId!, { brand: "lorex", kind: "dvr" });
    const dahua = await makeDevice(customer.customerId!, { brand: "dahua", kind: "nvr" });
    const db = await getDb();
    let day = 0;
    const add = async (
      deviceId: string,
      methodId: string,
      vendor: "lorex" | "dahua",
      end: [VendorCaseStatus, VendorCaseCloseReason | null],
      answered = true,
    ) => {
      day++;
      const sentAt = new Date(Date.UTC(2025, 8, day, 15));
      const visitId = await makeVisit({ customerId: customer.customerId!, technicianId: tech.id, startsAt: sentAt, status: "on_site", deviceIds: [deviceId] });
      const attemptId = await addAttempt({ visitId, deviceId, technicianId: tech.id, methodId, outcome: "waiting_vendor", startedAt: sentAt });
      const id = await addVendorCase({ attemptId, visitId, deviceId, vendor, sentAt, resultAfterHours: answered ? 5 : undefined });
      const [status, closedReason] = end;
      await db
        .update(vendorCases)
        .set({ status, closedReason, closedAt: closedReason ? new Date(sentAt.getTime() + 30 * 3_600_000) : null })
        .where(eq(vendorCases.id, id));
    };
    const L = "lorex_support_temp_password";
    await add(lorex, L, "lorex", ["closed", "answered"]);
    await add(lorex, L, "lorex", ["expired", "expired_unused"]);
    await add(lorex, L, "lorex", ["expired", "expired_unused"]);
    await add(lorex, L, "lorex", ["expired", "voided"]);
    await add(lorex, L, "lorex", ["result_received", null]);
    await add(lorex, L, "lorex", ["expired", "no_answer"], false); // never answered: not an answer that died
    await add(dahua, "dahua_configtool_xml", "dahua", ["closed", "answered"]);

    const rows = await getVendorExpiry(admin, { technician: tech.id });
    expect(rows).toEqual([
      {
        vendor: "dahua",
        methodId: "dahua_configtool_xml",
        methodName: "ConfigTool XML export to Dahua support",
        answered: 1,
        used: 1,
        expiredUnused: 0,
        voided: 0,
        live: 0,
      },
      {
        vendor: "lorex",
        methodId: L,
        methodName: "Temporary password from Lorex support",
        answered: 5,
        used: 1,
        expiredUnused: 2,
        voided: 1,
        live: 1,
      },
    ]);
    // The report's filters: the brand, and the local day the case was sent.
    expect((await getVendorExpiry(admin, { technician: tech.id, brand: "dahua" })).map((r) => r.vendor)).toEqual(["dahua"]);
    expect((await getVendorExpiry(admin, { technician: tech.id, from: "2025-09-02", to: "2025-09-03" }))[0]).toMatchObject({ answered: 2, expiredUnused: 2 });
    // And the filters #19 added: first attempt on the device or later ones, the visit's customer, the device's details.
    const answered = async (f: Parameters<typeof getVendorExpiry>[1]) =>
      (await getVendorExpiry(admin, { technician: tech.id, ...f })).map((r) => [r.vendor, r.answered]);
    expect(await answered({ attempt: "first" })).toEqual([
      ["dahua", 1],
      ["lorex", 1],
    ]);
    expect(await answered({ attempt: "later" })).toEqual([["lorex", 4]]);
    expect(await answered({ customer: customer.customerId! })).toEqual([
      ["dahua", 1],
      ["lorex", 5],
    ]);
    expect(await answered({ customer: (await makeUser("customer")).customerId! })).toEqual([]);
    await db
      .update(devices)
      .set({ warrantySeal: "broken", firmware: "V4.001", recoveryOptions: { recovery_email: "yes" } })
      .where(eq(devices.id, dahua));
    expect(await answered({ seal: "broken" })).toEqual([["dahua", 1]]);
    expect(await answered({ firmware: "v4.0" })).toEqual([["dahua", 1]]);
    expect(await answered({ option: "recovery_email" })).toEqual([["dahua", 1]]);
    await expect(getVendorExpiry(tech, {})).rejects.toThrow("You do not have access to this.");
  });
});
