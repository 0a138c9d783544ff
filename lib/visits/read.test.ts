import { beforeAll, describe, expect, it } from "vitest";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/platform/errors";
import { countVisits, countVisitsByTechnicianAndStatus, getVisit, listVisitPage, listVisits } from "./read";

let admin: Actor, tech: Actor, other: Actor, cust: Actor, cust2: Actor;
const mine: string[] = [];
let theirs: string;
const at = (day: number, hour = 14) => new Date(Date.UTC(2031, 0, day, hour));

beforeAll(async () => {
  [admin, tech, other, cust, cust2] = await Promise.all([
    makeUser("admin"),
    makeUser("technician"),
    makeUser("technician"),
    makeUser("customer"),
    makeUser("customer"),
  ]);
  // Five visits for cust; two start at the same time (the cursor must still not skip or repeat). The fourth is not assigned yet.
  for (const [day, hour, assigned] of [
    [1, 14, true],
    [2, 14, true],
    [2, 14, false],
    [3, 9, true],
    [5, 14, true],
  ] as const) {
    mine.push(await makeVisit({ customerId: cust.customerId!, technicianId: assigned ? tech.id : null, startsAt: at(day, hour) }));
  }
  theirs = await makeVisit({ customerId: cust2.customerId!, technicianId: other.id, startsAt: at(4) });
});

const page = (limit = 25, cursor?: string) => ({ limit, cursor });

describe("listVisits", () => {
  it("pages through every visit once, in start order, with an opaque cursor", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await listVisits(admin, { from: at(1, 0).toISOString() }, page(2, cursor));
      seen.push(...p.data.map((v) => v.id));
      cursor = p.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen.slice(-1)).toEqual([mine[4]]);
    await expect(listVisits(admin, {}, page(2, "garbage"))).rejects.toBeInstanceOf(ValidationError);
  });

  it("a technician sees only visits assigned to them, whatever the filter says", async () => {
    const p = await listVisits(tech, {}, page());
    expect(p.data.map((v) => v.id).sort()).toEqual([mine[0], mine[1], mine[3], mine[4]].sort());
    expect((await listVisits(tech, { technicianId: other.id }, page())).data).toEqual([]);
    await expect(getVisit(tech, theirs)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getVisit(other, theirs)).resolves.toMatchObject({ id: theirs });
  });

  it("a customer sees only their own; filters by status and time window", async () => {
    expect((await listVisits(cust2, {}, page())).data.map((v) => v.id)).toEqual([theirs]);
    await expect(getVisit(cust, theirs)).rejects.toBeInstanceOf(NotFoundError);
    const window = await listVisits(admin, { from: at(2, 0).toISOString(), to: at(4, 0).toISOString() }, page());
    expect(window.data.map((v) => v.startsAt.toISOString())).toEqual([at(2).toISOString(), at(2).toISOString(), at(3, 9).toISOString()]);
    expect((await listVisits(admin, { status: "cancelled" }, page())).data).toEqual([]);
  });

  it("other roles and signed-out callers are refused", async () => {
    await expect(listVisits(null, {}, page())).rejects.toThrow(/sign in/);
    await expect(listVisits({ ...cust, role: "bogus" as never }, {}, page())).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the office's lists (listVisitPage) and their counts", () => {
  const all = async (filter: Parameters<typeof listVisitPage>[1], order: "asc" | "desc", limit = 2) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    let last: Awaited<ReturnType<typeof listVisitPage>> | undefined;
    do {
      last = await listVisitPage(admin, filter, page(limit, cursor), order);
      ids.push(...last.data.map((v) => v.id));
      cursor = last.nextCursor ?? undefined;
    } while (cursor);
    return { ids, last: last! };
  };

  it("pages latest first as the exact reverse of earliest first, and Previous walks back to the same pages", async () => {
    const up = await all({ customerId: cust.customerId! }, "asc");
    const down = await all({ customerId: cust.customerId! }, "desc");
    expect(up.ids).toHaveLength(5);
    expect(down.ids).toEqual([...up.ids].reverse());
    // From the last page back to the first.
    const back: string[] = [...down.last.data.map((v) => v.id)];
    let prev = down.last.prevCursor;
    while (prev) {
      const p = await listVisitPage(admin, { customerId: cust.customerId! }, page(2, prev), "desc");
      back.unshift(...p.data.map((v) => v.id));
      prev = p.prevCursor;
    }
    expect(back).toEqual(down.ids);
  });

  it("filters by 'not assigned' and by device, and each count is the number of rows its list shows", async () => {
    const unassigned = await all({ technicianId: "none" }, "asc");
    expect(unassigned.ids).toEqual([mine[2]]);
    const device = await makeDevice(cust2.customerId!);
    const withDevice = await makeVisit({ customerId: cust2.customerId!, technicianId: null, status: "requested", startsAt: at(9), deviceIds: [device] });
    expect((await all({ deviceId: device }, "desc")).ids).toEqual([withDevice]);
    for (const filter of [
      {},
      { technicianId: "none" },
      { technicianId: tech.id },
      { deviceId: device },
      { customerId: cust.customerId! },
      { status: "requested" as const },
    ]) {
      const listed = await all(filter, "asc", 3);
      expect(await countVisits(admin, filter), JSON.stringify(filter)).toBe(listed.ids.length);
    }
    const grouped = await countVisitsByTechnicianAndStatus(admin, {});
    expect(grouped.reduce((n, g) => n + g.n, 0)).toBe(await countVisits(admin, {}));
    expect(grouped.find((g) => g.technicianId === tech.id && g.status === "scheduled")?.n).toBe(4);
    // Scoped like every visit read: a technician counts only their own.
    expect(await countVisits(tech, {})).toBe(4);
    expect(await countVisits(tech, { technicianId: other.id })).toBe(0);
  });
});
