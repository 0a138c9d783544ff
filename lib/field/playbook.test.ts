import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RECOVERY_METHODS } from "@/db/seed/catalogue";
import type { RecoveryOptions } from "@/db/schema";
import { buildPlaybook, MAY_WIPE_WARNING, methodApplies, WIPES_WARNING, type PlaybookMethod } from "./playbook";

const CATALOGUE: PlaybookMethod[] = RECOVERY_METHODS.map((m) => ({
  kinds: [],
  warnings: [],
  requiresDescription: false,
  active: true,
  vendorWaitMinutes: null,
  ...m,
}));
const ids = (e: ReturnType<typeof buildPlaybook>) => e.map((x) => x.method.id);

describe("playbook", () => {
  it("lists only the device's brand and kind, in catalogue order, with `other` for every brand", () => {
    const p = buildPlaybook(CATALOGUE, { brand: "dahua", kind: "nvr", recoveryOptions: {}, warrantySeal: "unknown" });
    expect(ids(p)).toEqual(["dahua_qr_dmss", "dahua_security_questions", "dahua_reset_button", "dahua_configtool_xml", "dahua_support_serial_date", "other"]);
    const cam = buildPlaybook(CATALOGUE, { brand: "dahua", kind: "camera", recoveryOptions: {}, warrantySeal: "unknown" });
    expect(ids(cam)).toContain("dahua_reset_button_ipc");
    expect(ids(cam)).not.toContain("dahua_reset_button");
    expect(
      ids(buildPlaybook(CATALOGUE, { brand: "lorex", kind: "dvr", recoveryOptions: {}, warrantySeal: "unknown" })).every(
        (id) => id.startsWith("lorex_") || id === "other",
      ),
    ).toBe(true);
  });

  it("puts methods whose requirement is known lacking last, with the reason; unknown does not demote", () => {
    const p = buildPlaybook(CATALOGUE, {
      brand: "dahua",
      kind: "nvr",
      recoveryOptions: { recovery_email: "no", security_questions: "unknown" },
      warrantySeal: "unknown",
    });
    expect(ids(p).at(-1)).toBe("dahua_qr_dmss");
    expect(p.at(-1)!.lacking).toBe("Needs recovery email, which this device does not have.");
    expect(p.find((e) => e.method.id === "dahua_security_questions")!.lacking).toBeNull();
    expect(ids(p)[0]).toBe("dahua_security_questions");
  });

  it("warns loudly on methods that wipe (or may wipe) the configuration, and about intact warranty seals", () => {
    const p = buildPlaybook(CATALOGUE, { brand: "dahua", kind: "nvr", recoveryOptions: {}, warrantySeal: "intact" });
    const button = p.find((e) => e.method.id === "dahua_reset_button")!;
    expect(button.wipesWarning).toBe(WIPES_WARNING);
    expect(button.cautions[0]).toMatch(/warranty seal is intact/);
    expect(p.find((e) => e.method.id === "dahua_qr_dmss")!.wipesWarning).toBeNull();
    expect(p.find((e) => e.method.id === "other")!.wipesWarning).toBe(MAY_WIPE_WARNING);
    const hik = buildPlaybook(CATALOGUE, { brand: "hikvision", kind: "nvr", recoveryOptions: {}, warrantySeal: "none" });
    expect(hik.find((e) => e.method.id === "hik_hikconnect_verify")!.wipesWarning).toBe(MAY_WIPE_WARNING);
  });

  it("takes a ranking (e.g. measured success) for usable methods, never above a lacking requirement rule", () => {
    const rank = new Map([
      ["dahua_configtool_xml", 1],
      ["dahua_qr_dmss", 2],
    ]);
    const p = buildPlaybook(CATALOGUE, { brand: "dahua", kind: "nvr", recoveryOptions: { recovery_email: "no" }, warrantySeal: "unknown" }, { rank });
    expect(ids(p).slice(0, 2)).toEqual(["dahua_configtool_xml", "dahua_security_questions"]);
    expect(ids(p).at(-1)).toBe("dahua_qr_dmss");
  });

  it("property: every listed method applies, lacking ones come after all usable ones, nothing is lost", () => {
    const opt = fc.constantFrom("yes", "no", "unknown", undefined);
    fc.assert(
      fc.property(
        fc.constantFrom("dahua", "lorex", "hikvision"),
        fc.constantFrom("dvr", "nvr", "camera"),
        fc.record({ recovery_email: opt, security_questions: opt, app_account: opt, guid_file: opt, reset_button: opt }),
        (brand, kind, raw) => {
          const recoveryOptions = Object.fromEntries(Object.entries(raw).filter(([, v]) => v)) as RecoveryOptions;
          const p = buildPlaybook(CATALOGUE, { brand, kind, recoveryOptions, warrantySeal: "unknown" });
          expect(p.length).toBe(CATALOGUE.filter((m) => methodApplies(m, { brand, kind })).length);
          const firstLacking = p.findIndex((e) => e.lacking);
          if (firstLacking >= 0) expect(p.slice(firstLacking).every((e) => e.lacking)).toBe(true);
          for (const e of p) expect(e.lacking !== null).toBe(e.method.requiresOptions.some((o) => recoveryOptions[o] === "no"));
        },
      ),
    );
  });

  it("leaves out retired methods", () => {
    const retired = CATALOGUE.map((m) => (m.id === "dahua_qr_dmss" ? { ...m, active: false } : m));
    expect(ids(buildPlaybook(retired, { brand: "dahua", kind: "nvr", recoveryOptions: {}, warrantySeal: "unknown" }))).not.toContain("dahua_qr_dmss");
  });
});
