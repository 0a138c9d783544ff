/** Who may read the reports: admins only (the numbers themselves: fixtures.test.ts). */
import { describe, expect, it } from "vitest";
import { makeUser } from "@/test/support/factories";
import { getReportData } from "./data";

describe("reports: who may read them", () => {
  it("is for admins only", async () => {
    const tech = await makeUser("technician");
    const customer = await makeUser("customer");
    await expect(getReportData(tech, {})).rejects.toMatchObject({ status: 403 });
    await expect(getReportData(customer, {})).rejects.toMatchObject({ status: 403 });
    await expect(getReportData(null, {})).rejects.toMatchObject({ status: 401 });
  });
});
