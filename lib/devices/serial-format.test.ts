import { describe, expect, it } from "vitest";
import { deviceIdWarning, fromScan, serialWarning } from "./serial-format";

describe("scanned codes become field values", () => {
  it("drops label prefixes and spacing; writes a MAC with colons", () => {
    expect(fromScan("serial", "S/N: 7a0123paz012345")).toBe("7A0123PAZ012345");
    expect(fromScan("serial", "SN7A0123PAZ012345")).toBe("7A0123PAZ012345");
    expect(fromScan("mac", "3cef8c123456")).toBe("3C:EF:8C:12:34:56");
    expect(fromScan("mac", "MAC: 3C-EF-8C-12-34-56")).toBe("3C:EF:8C:12:34:56");
    expect(fromScan("lorexDeviceId", "Device ID: lrx9f2a7c1")).toBe("LRX9F2A7C1");
    // A QR code naming its values: the one the field wants.
    expect(fromScan("serial", "https://example.test/d?sn=ND021812345678&mac=3C:EF:8C:00:00:01")).toBe("ND021812345678");
    expect(fromScan("lorexDeviceId", "did=LRX9F2A7C1;sn=ND021812345678")).toBe("LRX9F2A7C1");
  });
});

describe("serial formats per brand: a warning, never a block", () => {
  it("Dahua: 15 letters and digits", () => {
    expect(serialWarning("dahua", "7A0123PAZ012345")).toBeNull();
    expect(serialWarning("dahua", "7A0123PAZ01234")).toMatch(/15 letters and digits .* this one has 14 characters/);
  });
  it("Hikvision: the full serial, not the 9-digit short one", () => {
    expect(serialWarning("hikvision", "DS-7608NI-K2/8P0820200101AAWR123456789WCVU")).toBeNull();
    expect(serialWarning("hikvision", "594199052")).toMatch(/9-digit short serial/);
    expect(serialWarning("hikvision", "DS-7608NI-K2")).toMatch(/full serial has the model, the production date/);
  });
  it("Lorex: the Device ID is not the serial", () => {
    expect(serialWarning("lorex", "ND021812345678")).toBeNull();
    expect(deviceIdWarning("nd021812345678", "ND021812345678")).toMatch(/That is the serial/);
    expect(deviceIdWarning("LRX9F2A7C1", "ND021812345678")).toBeNull();
    expect(deviceIdWarning("LRX 9F2", null)).toMatch(/6 to 24 letters and digits/);
  });
  it("nothing to say about an empty field", () => {
    expect(serialWarning("dahua", "")).toBeNull();
    expect(deviceIdWarning(null, "x")).toBeNull();
  });
});
