import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { isRealDate, isSupportedInstant, localToInstant } from "@/lib/availability/time";
import { reportFiltersSchema } from "@/lib/reports/filters";
import { visitFilterSchema } from "@/lib/visits/filters";
import { toAppError } from "./errors";

/** Finding 14: a date PostgreSQL cannot store was a 500 (SQLSTATE 22008/22009 were mapped nowhere). */
describe("dates the database cannot store", () => {
  const dbError = async (q: ReturnType<typeof sql>) => {
    const err = await (await getDb()).execute(q).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    return toAppError(err);
  };

  it("a date/time field out of range (22008) or a bad time zone displacement (22009) from the database is a 422, not a 500", async () => {
    for (const q of [sql`select '0000-01-01'::date`, sql`select ${"2026-13-45 99:99:99"}::timestamptz`, sql`select '2026-01-01 10:00:00+16:00'::timestamptz`]) {
      const e = await dbError(q);
      expect([e.status, e.message]).toEqual([422, expect.stringMatching(/out of range/)]);
    }
  });

  it("the shared schemas refuse them first: days and instants only in the years 1900–2999", () => {
    expect(isRealDate("0000-01-01")).toBe(false);
    expect(isRealDate("9999-12-31")).toBe(false);
    expect(isRealDate("2026-02-29")).toBe(false);
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(isSupportedInstant("0000-01-01T00:00:00Z")).toBe(false);
    expect(isSupportedInstant("2030-01-31T09:00:00Z")).toBe(true);
    // Not a date at all: one message, the format's, not a second one about the year.
    expect(visitFilterSchema.safeParse({ from: "tomorrow" }).error?.issues).toHaveLength(1);
    expect(reportFiltersSchema.safeParse({ from: "0000-01-01" }).success).toBe(false);
    expect(reportFiltersSchema.safeParse({ to: "9999-12-31" }).success).toBe(false);
    expect(visitFilterSchema.safeParse({ from: "0000-01-01T00:00:00Z" }).success).toBe(false);
    expect(() => localToInstant("0000-01-01", "10:00", "America/New_York")).toThrow(
      expect.objectContaining({ fieldErrors: { time: ["That date or time is not valid."] } }),
    );
  });
});
