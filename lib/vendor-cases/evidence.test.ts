import { describe, expect, it } from "vitest";
import { RECOVERY_METHODS } from "@/db/seed/catalogue";
import type { EvidenceFacts } from "./evidence";
import { checkEvidence, missingEvidence, missingEvidenceMessage, recheckEvidence, type EvidenceStatus } from "./evidence";

const evidenceOf = (id: string) => RECOVERY_METHODS.find((m) => m.id === id)!.evidence!;
const none: EvidenceFacts = { device: { serial: null, model: null, mac: null, lorexDeviceId: null }, authorized: false, photos: [], requestFile: false };

describe("evidence checklists (catalogue data)", () => {
  it("Lorex support: label photo, a device-info screen photo from this visit, the Device ID and the authorization", () => {
    const lorex = evidenceOf("lorex_support_temp_password");
    expect(missingEvidence(lorex, none)).toEqual([
      "A photo of the serial/model label",
      "A photo of the device-info screen, taken on this visit",
      "The Lorex Device ID (not the serial)",
      "The customer's authorization, recorded on this visit",
    ]);
    // A label photo from an earlier visit counts (the sticker does not change); a screen photo from an earlier visit does not.
    const partly: EvidenceFacts = {
      ...none,
      authorized: true,
      device: { ...none.device, serial: "ND0123456789", lorexDeviceId: "  " },
      photos: [
        { photoKind: "label", thisVisit: false },
        { photoKind: "screen_info", thisVisit: false },
      ],
    };
    expect(missingEvidence(lorex, partly)).toEqual(["A photo of the device-info screen, taken on this visit", "The Lorex Device ID (not the serial)"]);
    const ready: EvidenceFacts = {
      ...partly,
      device: { ...partly.device, lorexDeviceId: "LRX9F2A7" },
      photos: [...partly.photos, { photoKind: "screen_info", thisVisit: true }],
    };
    expect(missingEvidence(lorex, ready)).toEqual([]);
    expect(checkEvidence(lorex, ready).every((c) => c.present)).toBe(true);
  });

  it("Dahua serial + date: the full serial and a photo of the on-screen date from this visit", () => {
    const dahua = evidenceOf("dahua_support_serial_date");
    const facts: EvidenceFacts = { ...none, authorized: true, photos: [{ photoKind: "screen_code", thisVisit: true }] };
    expect(missingEvidence(dahua, facts)).toEqual(["The full serial number (device facts)"]);
    expect(missingEvidence(dahua, { ...facts, device: { ...none.device, serial: "7A0123PAZ0000123" } })).toEqual([]);
  });

  it("ConfigTool XML and SADP export need the exported request file stored on this visit", () => {
    for (const id of ["dahua_configtool_xml", "hik_sadp_export"]) {
      const items = evidenceOf(id);
      const all: EvidenceFacts = {
        device: { serial: "S1", model: null, mac: null, lorexDeviceId: null },
        authorized: true,
        photos: [{ photoKind: "label", thisVisit: true }],
        requestFile: true,
      };
      expect(missingEvidence(items, all), id).toEqual([]);
      expect(missingEvidence(items, { ...all, requestFile: false }), id).toEqual([expect.stringMatching(/^The exported .* file, stored on this visit$/)]);
    }
  });

  it("says what is missing in one sentence", () => {
    expect(missingEvidenceMessage("Temporary password from Lorex support", ["A", "B"])).toBe(
      "Not sent: Temporary password from Lorex support needs 2 more things first: A; B.",
    );
    expect(missingEvidenceMessage("X", ["A"])).toBe("Not sent: X needs one more thing first: A.");
  });
});

describe("the checklist on the phone", () => {
  it("ticks again from what the phone holds (a queued photo, a Device ID typed offline); the request file stays the server's word", () => {
    const items = evidenceOf("lorex_support_temp_password");
    const server: EvidenceStatus[] = checkEvidence(items, { ...none, authorized: true, requestFile: true }).map((c) => ({ ...c.item, present: c.present }));
    const before = recheckEvidence(server, { ...none, authorized: true });
    expect(before.filter((c) => !c.present).map((c) => c.label)).toEqual([
      "A photo of the serial/model label",
      "A photo of the device-info screen, taken on this visit",
      "The Lorex Device ID (not the serial)",
    ]);
    const after = recheckEvidence(server, {
      authorized: true,
      device: { ...none.device, lorexDeviceId: "LRX9F2A7" },
      photos: [
        { photoKind: "label", thisVisit: true },
        { photoKind: "screen_info", thisVisit: true },
      ],
    });
    expect(after.every((c) => c.present)).toBe(true);
    // A request file the server did not find is not invented on the phone.
    const sadp = evidenceOf("hik_sadp_export");
    const sadpServer: EvidenceStatus[] = checkEvidence(sadp, { ...none, authorized: true }).map((c) => ({ ...c.item, present: c.present }));
    const sadpNow = recheckEvidence(sadpServer, { ...none, authorized: true, photos: [{ photoKind: "label", thisVisit: true }] });
    expect(sadpNow.find((c) => c.item === "request_file")?.present).toBe(false);
    expect(sadpNow.filter((c) => c.item !== "request_file").every((c) => c.present)).toBe(true);
  });
});
