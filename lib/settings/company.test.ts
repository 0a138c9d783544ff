import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, settings } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { makeUser } from "@/test/support/factories";
import { setWidgetAllowedOrigins } from "@/lib/widget/settings";
import { getSettings, updateSettings } from "./company";
import { DEFAULT_SETTINGS } from "./schema";

let admin: Actor;
beforeAll(async () => {
  admin = await makeUser("admin");
});

const stored = async () => {
  const db = await getDb();
  return Object.fromEntries((await db.select({ key: settings.key, value: settings.value }).from(settings)).map((r) => [r.key, r.value]));
};

describe("updateSettings: a partial save changes only what it names", () => {
  it("saving the company name keeps the slot step and the time zone saved before", async () => {
    await updateSettings(admin, { slotStepMinutes: 15, timeZone: "America/Chicago" }, null);
    const after = await updateSettings(admin, { companyName: "Lakeside Security" }, null);
    expect(after).toMatchObject({ companyName: "Lakeside Security", slotStepMinutes: 15, timeZone: "America/Chicago" });
    const rows = await stored();
    expect(rows).toMatchObject({ companyName: "Lakeside Security", slotStepMinutes: 15, timeZone: "America/Chicago" });
    // The audit trail records what changed, nothing else.
    const db = await getDb();
    const [last] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.action, "settings.update"))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(last!.details).toEqual({ companyName: "Lakeside Security" });
  });

  it("saving the widget's allowed sites (its own page) keeps the booking rules", async () => {
    await setWidgetAllowedOrigins(admin, { origins: "https://www.lakeside.example" }, null);
    expect(await getSettings(await getDb())).toMatchObject({
      companyName: "Lakeside Security",
      slotStepMinutes: 15,
      widgetAllowedOrigins: ["https://www.lakeside.example"],
    });
  });

  it("still refuses a bad value, and writes nothing", async () => {
    await expect(updateSettings(admin, { companyName: "Nope", slotStepMinutes: 1 }, null)).rejects.toThrow();
    expect((await stored()).companyName).toBe("Lakeside Security");
  });
});

it("refuses a company email that is not an address, on its field (a confirmation's calendar file could not name it), and writes nothing", async () => {
  const before = (await stored()).companyEmail;
  for (const companyEmail of ["service@lakeside.exampleservice@lakeside.example", "service", ""]) {
    await expect(updateSettings(admin, { companyEmail }, null)).rejects.toMatchObject({
      status: 422,
      fieldErrors: { companyEmail: [expect.stringContaining("email address")] },
    });
  }
  expect((await stored()).companyEmail).toBe(before);
  expect((await updateSettings(admin, { companyEmail: " office@lakeside.example " }, null)).companyEmail).toBe("office@lakeside.example");
});

describe("getSettings: one invalid stored value falls back for that key only", () => {
  it("keeps every valid value, uses the default for the bad one, and logs which", async () => {
    const db = await getDb();
    await db.update(settings).set({ value: "every half hour" }).where(eq(settings.key, "slotStepMinutes"));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const s = await getSettings(db);
      expect(s.slotStepMinutes).toBe(DEFAULT_SETTINGS.slotStepMinutes);
      expect(s).toMatchObject({ companyName: "Lakeside Security", timeZone: "America/Chicago" });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("slotStepMinutes"));
    } finally {
      warn.mockRestore();
    }
  });
});

it("saving one settings form writes only its own keys (zod's defaults for the others never overwrite saved values)", async () => {
  await updateSettings(admin, { companyName: "Lakeside Locks", taxRatePercent: 8.875 }, null);
  await updateSettings(admin, { currency: "CAD", noFixNoFee: false }, null); // the billing form
  await updateSettings(admin, { companyPhone: "216-555-0000" }, null); // the company form
  const s = await getSettings(await getDb());
  expect(s).toMatchObject({ companyName: "Lakeside Locks", companyPhone: "216-555-0000", taxRatePercent: 8.875, currency: "CAD", noFixNoFee: false });
});
