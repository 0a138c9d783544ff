import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { holidays, rateLimitBuckets } from "@/db/schema";
import { makeUser } from "@/test/support/factories";
import { countChanges, rowCounts, RowCountWatch } from "./row-counts";

describe("row-count watch (the bad-input suites' 'nothing half-written' check)", () => {
  const watch = new RowCountWatch();
  beforeAll(async () => {
    await watch.install();
  });

  it("counts every app table", async () => {
    const counts = await rowCounts();
    expect(Object.keys(counts)).toEqual(expect.arrayContaining(["users", "visits", "attempts", "audit_events", "mail_outbox"]));
    expect(counts).not.toHaveProperty("rate_limit_buckets");
  });

  it("sees a committed insert and a committed delete, table by table", async () => {
    await watch.changes();
    const user = await makeUser("customer");
    expect(await watch.changes()).toEqual(expect.arrayContaining([expect.stringMatching(/^users: \d+ -> \d+$/), expect.stringMatching(/^customers: /)]));
    const db = await getDb();
    await db.insert(holidays).values({ day: "2031-07-04", name: "Independence Day" });
    await db.delete(holidays).where(eq(holidays.day, "2031-07-04"));
    expect(await watch.changes()).toEqual([]); // bumped, counted, equal: a net change of 0 is not a change
    await db.execute(sql`delete from users where id = ${user.id}`);
    expect(await watch.changes()).toEqual(expect.arrayContaining([expect.stringMatching(/^users: /)]));
  });

  it("ignores a rolled-back write, and the rate-limit buckets", async () => {
    await watch.changes();
    const db = await getDb();
    const full = watch.fullCounts;
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(holidays).values({ day: "2031-12-26", name: "Boxing Day" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await db.insert(rateLimitBuckets).values({ key: "fuzz-test", windowStart: new Date(), count: 1 });
    expect(await watch.changes()).toEqual([]);
    expect(watch.fullCounts).toBe(full); // the fast path: nothing committed that could change a count
  });

  it("countChanges names each table that differs", () => {
    expect(countChanges({ a: 1, b: 2 }, { a: 1, b: 3 })).toEqual(["b: 2 -> 3"]);
  });
});
