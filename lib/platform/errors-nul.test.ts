import { describe, expect, it } from "vitest";
import { makeUser } from "@/test/support/factories";
import { searchCustomers } from "../booking/profile";
import { toAppError } from "./errors";
import { updateSettings } from "../settings/company";

/** Found by the bad-input suite (test/fuzz): PostgreSQL refuses NUL bytes in text and jsonb; that is bad input (422), not a 500. */
describe("a NUL byte in text", () => {
  const refused = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    const e = toAppError(err);
    expect([e.status, e.message]).toEqual([422, expect.stringMatching(/NUL/)]);
  };
  it("in a text parameter (a search) is a 422", async () => {
    await refused(searchCustomers(await makeUser("admin"), "Carla\u0000"));
  });
  it("in a jsonb value (company settings) is a 422", async () => {
    await refused(updateSettings(await makeUser("admin"), { companyName: "Acme\u0000" }, "127.0.0.1"));
  });
});
