import { expect, it } from "vitest";
import { getDb } from "@/db/client";
import { makeUser } from "@/test/support/factories";
import { getSettings, updateSettings } from "./company";

it("saving one settings form writes only its own keys (zod's defaults for the others never overwrite saved values)", async () => {
  const admin = await makeUser("admin");
  await updateSettings(admin, { companyName: "Lakeside Locks", taxRatePercent: 8.875 }, null);
  await updateSettings(admin, { currency: "CAD", noFixNoFee: false }, null); // the billing form
  await updateSettings(admin, { companyPhone: "216-555-0000" }, null); // the company form
  const s = await getSettings(await getDb());
  expect(s).toMatchObject({ companyName: "Lakeside Locks", companyPhone: "216-555-0000", taxRatePercent: 8.875, currency: "CAD", noFixNoFee: false });
});
