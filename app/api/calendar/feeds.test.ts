import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import ical, { type VEvent } from "node-ical";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { rateLimitBuckets, users, visits } from "@/db/schema";
import { CLIENT_IP_HEADER } from "@/lib/platform/client-address";
import { PUBLIC_RATE_LIMIT } from "@/lib/platform/rate-limit";
import { makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/platform/errors";
import { GET } from "./[token]/route";
import { calendarFeedStatus, createCalendarFeed, revokeCalendarFeed } from "@/lib/calendar/feeds";

let admin: Actor, tech: Actor, other: Actor, cust: Actor, mine: string, theirs: string, cancelled: string;
const soon = (days: number) => new Date(Math.ceil(Date.now() / 3600_000) * 3600_000 + days * 86400_000);

beforeAll(async () => {
  [admin, tech, other, cust] = await Promise.all([makeUser("admin"), makeUser("technician"), makeUser("technician"), makeUser("customer")]);
  mine = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: soon(2) });
  cancelled = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: soon(3), status: "cancelled" });
  theirs = await makeVisit({ customerId: cust.customerId!, technicianId: other.id, startsAt: soon(2) });
});

async function fetchFeed(path: string) {
  const segment = path.split("/").pop()!;
  const res = await GET(new Request(`http://localhost${path}`), { params: Promise.resolve({ token: segment }) });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}
const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === "VEVENT");

describe("calendar feeds", () => {
  it("a technician's feed parses as iCalendar and holds only their visits; cancelled ones are CANCELLED", async () => {
    const feed = await createCalendarFeed(tech, null);
    expect(feed.scope).toBe("own");
    const res = await fetchFeed(feed.path);
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/calendar; charset=utf-8");
    const evs = events(res.text);
    expect(evs.map((e) => e.uid).sort()).toEqual([`visit-${mine}@fieldkey`, `visit-${cancelled}@fieldkey`].sort());
    const ev = evs.find((e) => e.uid === `visit-${mine}@fieldkey`)!;
    expect(new Date(ev.start).toISOString()).toBe(soon(2).toISOString());
    expect(String(ev.location)).toContain("1 Test St");
    expect(evs.find((e) => e.uid === `visit-${cancelled}@fieldkey`)!.status).toBe("CANCELLED");
    expect(ev.status).toBe("CONFIRMED");
  });

  it("changes when a visit moves: new start, higher SEQUENCE, same UID", async () => {
    const feed = await createCalendarFeed(tech, null);
    const before = events((await fetchFeed(feed.path)).text).find((e) => e.uid === `visit-${mine}@fieldkey`)!;
    const db = await getDb();
    const moved = soon(5);
    await db
      .update(visits)
      .set({
        startsAt: moved,
        endsAt: new Date(moved.getTime() + 3600_000),
        busyUntil: new Date(moved.getTime() + 3600_000),
        updatedAt: new Date(Date.now() + 5000),
      })
      .where(eq(visits.id, mine));
    const after = events((await fetchFeed(feed.path)).text).find((e) => e.uid === `visit-${mine}@fieldkey`)!;
    expect(new Date(after.start).toISOString()).toBe(moved.toISOString());
    expect(Number(after.sequence)).toBeGreaterThan(Number(before.sequence));
  });

  it("an admin's feed holds everyone's visits with the technician named", async () => {
    const feed = await createCalendarFeed(admin, null);
    expect(feed.scope).toBe("all");
    const evs = events((await fetchFeed(feed.path)).text);
    expect(evs.map((e) => e.uid)).toEqual(expect.arrayContaining([`visit-${mine}@fieldkey`, `visit-${theirs}@fieldkey`]));
    expect(String(evs.find((e) => e.uid === `visit-${theirs}@fieldkey`)!.summary)).toContain(other.name);
  });

  it("a revoked, replaced or unknown URL is 404; so is the feed of a disabled user; customers cannot have one", async () => {
    const first = await createCalendarFeed(other, null);
    expect((await fetchFeed(first.path)).status).toBe(200);
    const second = await createCalendarFeed(other, null);
    expect((await fetchFeed(first.path)).status).toBe(404); // replaced
    expect(await calendarFeedStatus(other)).toMatchObject({ scope: "own" });
    await revokeCalendarFeed(other, null);
    expect((await fetchFeed(second.path)).status).toBe(404);
    expect(await calendarFeedStatus(other)).toBeNull();
    await expect(revokeCalendarFeed(other, null)).rejects.toBeInstanceOf(NotFoundError);
    for (const path of ["/api/calendar/nope.ics", `/api/calendar/${"a".repeat(43)}.ics`, `/api/calendar/${"a".repeat(43)}`])
      expect((await fetchFeed(path)).status).toBe(404);

    const third = await createCalendarFeed(other, null);
    const db = await getDb();
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, other.id));
    expect((await fetchFeed(third.path)).status).toBe(404);
    await expect(createCalendarFeed(cust, null)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("calendar feeds are limited per address, never per token (finding 12)", () => {
  const feedFrom = (path: string, ip: string) => {
    const segment = path.split("/").pop()!;
    return GET(new Request(`http://localhost${path}`, { headers: { [CLIENT_IP_HEADER]: ip } }), { params: Promise.resolve({ token: segment }) });
  };
  const buckets = async () => (await getDb()).select({ key: rateLimitBuckets.key }).from(rateLimitBuckets);

  it("a stream of made-up tokens writes no row per token, and one address is stopped at the public limit", async () => {
    const before = (await buckets()).length;
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_RATE_LIMIT.limit + 5; i++)
      statuses.push((await feedFrom(`/api/calendar/${randomBytes(32).toString("base64url")}.ics`, "198.51.100.70")).status);
    expect(statuses.slice(0, PUBLIC_RATE_LIMIT.limit).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(PUBLIC_RATE_LIMIT.limit)).toEqual(Array(5).fill(429));
    expect((await buckets()).length - before).toBeLessThanOrEqual(2); // one counter for that address (two if its minute turned)
    expect((await buckets()).filter((b) => b.key.startsWith("calendar:"))).toEqual([]);
    // Another address, with a real feed, is served.
    const feed = await createCalendarFeed(tech, null);
    expect((await feedFrom(feed.path, "198.51.100.71")).status).toBe(200);
  });
});
