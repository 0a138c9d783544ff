/** bookVisit with bad input: a specific error on its field, and nothing written. */
import { beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "@/test/support/factories";
import { ValidationError } from "@/lib/platform/errors";
import { bookVisit } from "./book";
import { bookingCounts, bookingError, bookingInput, offeredStart } from "@/test/support/booking";

beforeAll(async () => {
  await makeUser("technician", { name: "Terry Tech" }); // the one technician the slots are offered for
  await makeUser("admin");
});

describe("bookVisit: bad input gets a specific error on its field and writes nothing", () => {
  const long = "x".repeat(10_000);
  const device = {
    brand: "dahua",
    kind: "dvr",
    recovery: { recovery_email: "no", security_questions: "no", app_account: "no", guid_file: "no", reset_button: "no" },
  } as const;
  const cases: [string, (start: string) => unknown, string, RegExp][] = [
    ["a past date", () => bookingInput("2020-01-06T15:00:00.000Z"), "slotStart", /already passed/],
    [
      "a start never offered (off the step)",
      (s) => bookingInput(new Date(new Date(s).getTime() + 7 * 60_000).toISOString()),
      "slotStart",
      /do not offer that time/,
    ],
    ["a start inside the notice", () => bookingInput(new Date(Date.now() + 30 * 60_000).toISOString()), "slotStart", /too soon/],
    ["a start past the horizon", () => bookingInput(new Date(Date.now() + 40 * 86_400_000).toISOString()), "slotStart", /up to 30 days ahead/],
    ["an unknown brand", (s) => bookingInput(s, { devices: [{ ...device, brand: "sony" as never }] }), "devices.0.brand", /Dahua, Lorex or Hikvision/],
    ["500 devices", (s) => bookingInput(s, { devices: Array.from({ length: 500 }, () => device) }), "devices", /at most 20 devices/],
    ["a 10,000-character problem", (s) => bookingInput(s, { devices: [{ ...device, problem: long }] }), "devices.0.problem", /at most 2000/],
    [
      "a 10,000-character name",
      (s) => bookingInput(s, { contact: { name: long, email: "a@example.test", phone: "216-555-0100" } }),
      "contact.name",
      /at most 120/,
    ],
    [
      "a missing address",
      (s) => bookingInput(s, { site: { addressLine1: "", city: "Cleveland", region: "OH", postalCode: "44101" } }),
      "site.addressLine1",
      /street address/,
    ],
    ["a malformed email", (s) => bookingInput(s, { contact: { name: "A", email: "not-an-email", phone: "216-555-0100" } }), "contact.email", /valid email/],
    ["a malformed phone", (s) => bookingInput(s, { contact: { name: "A", email: "a@example.test", phone: "call me" } }), "contact.phone", /valid phone/],
    ["no devices", (s) => bookingInput(s, { devices: [] }), "devices", /at least one device/],
    [
      "a weak password",
      (s) => bookingInput(s, { account: { mode: "password", password: "short", confirmPassword: "short" } }),
      "account.password",
      /at least 10/,
    ],
    ["no login choice for a new customer", (s) => bookingInput(s, { account: { mode: "none" } }), "account.mode", /set a password now, or email me a link/],
  ];
  for (const [name, make, field, message] of cases) {
    it(name, async () => {
      const start = await offeredStart(["dahua"], 1, 12);
      const before = await bookingCounts();
      const e = await bookingError(bookVisit(null, make(start), null));
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.fieldErrors?.[field]?.[0]).toMatch(message);
      expect(await bookingCounts()).toEqual(before);
    });
  }
});
