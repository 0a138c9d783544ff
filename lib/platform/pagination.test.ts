import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { customers } from "@/db/schema";
import { ValidationError } from "./errors";
import { afterCursor, decodeCursor, encodeCursor, keyset, readPageOrFirst } from "./pagination";

describe("cursors", () => {
  it("round-trip, and anything else is a 422 on the cursor field", () => {
    const c = encodeCursor({ k: "2030-01-01 15:00:00.123456+00", id: "00000000-0000-4000-8000-000000000001" });
    expect(decodeCursor(c)).toEqual({ k: "2030-01-01 15:00:00.123456+00", id: "00000000-0000-4000-8000-000000000001" });
    for (const bad of [
      "",
      "abc",
      Buffer.from('["x","y"]').toString("base64url"),
      Buffer.from('["2030-01-01 00:00:00","1; drop table"]').toString("base64url"),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(ValidationError);
    }
  });
});

describe("cursors with an impossible or unstorable time (finding 14)", () => {
  const id = "00000000-0000-4000-8000-000000000003";
  const cursor = (k: string) => Buffer.from(JSON.stringify([k, id])).toString("base64url");
  it("are a 422 on the cursor field, never a database error: every field is checked, and the year is one the database stores", () => {
    for (const k of [
      "2026-13-45 99:99:99",
      "2026-02-30 10:00:00+00",
      "2026-04-31 10:00:00",
      "2026-01-01 24:00:00+00",
      "2026-01-01 10:60:00",
      "2026-01-01 10:00:61",
      "2026-01-01 10:00:00+99",
      "0000-01-01 00:00:00+00",
      "9999-12-31 23:59:59+00",
    ]) {
      expect(() => decodeCursor(cursor(k)), k).toThrow(ValidationError);
    }
    expect(decodeCursor(cursor("2028-02-29 23:59:59.999999+05:30"))).toEqual({ k: "2028-02-29 23:59:59.999999+05:30", id });
  });
});

describe("cursors for text keys and for paging back", () => {
  const id = "00000000-0000-4000-8000-000000000002";
  it("a text key (a name) round-trips; so does a backwards cursor; each is valid only where it belongs", () => {
    const name = encodeCursor({ k: 'Zoë O\'Brien "the" 1%', id });
    expect(decodeCursor(name, "text")).toEqual({ k: 'Zoë O\'Brien "the" 1%', id });
    expect(() => decodeCursor(name)).toThrow(ValidationError); // not a timestamp
    const back = encodeCursor({ k: "Ann", id, back: true });
    expect(decodeCursor(back, "text")).toEqual({ k: "Ann", id, back: true });
    // Forward-only lists (most API lists) refuse a backwards cursor.
    expect(() => afterCursor(customers.createdAt, customers.id, encodeCursor({ k: "2030-01-01 00:00:00+00", id, back: true }))).toThrow(ValidationError);
    for (const bad of [
      ["Ann", id, "sideways"],
      ["Ann", id, "back", 1],
      ["x".repeat(1001), id],
      ["a\u0000b", id],
      [1, id],
    ]) {
      expect(() => decodeCursor(Buffer.from(JSON.stringify(bad)).toString("base64url"), "text")).toThrow(ValidationError);
    }
  });

  it("keyset: forward pages compare after the cursor in ascending order, backward pages before it, descending", () => {
    const fwd = keyset(customers.name, customers.id, { limit: 2, cursor: encodeCursor({ k: "Ann", id }) }, "text");
    expect(fwd.limit).toBe(3);
    const back = keyset(customers.name, customers.id, { limit: 2, cursor: encodeCursor({ k: "Ann", id, back: true }) }, "text");
    const render = (k: typeof fwd) => new PgDialect().sqlToQuery(sql`${k.where} order by ${sql.join(k.orderBy, sql`, `)}`).sql;
    expect(render(fwd)).toBe('("customers"."name", "customers"."id") > ($1::text, $2::uuid) order by "customers"."name" asc, "customers"."id" asc');
    expect(render(back)).toBe('("customers"."name", "customers"."id") < ($1::text, $2::uuid) order by "customers"."name" desc, "customers"."id" desc');
    // A page read backwards comes back in list order, with both cursors.
    const rows = [3, 2, 1].map((n) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, _k: `k${n}` }));
    const page = back.page(rows);
    expect(page.data.map((r) => r.id.slice(-1))).toEqual(["2", "3"]);
    expect(decodeCursor(page.prevCursor!, "text")).toEqual({ k: "k2", id: rows[1]!.id, back: true });
    expect(decodeCursor(page.nextCursor!, "text")).toEqual({ k: "k3", id: rows[0]!.id });
    // The first page: no Previous; a short last page: no Next.
    const first = keyset(customers.name, customers.id, { limit: 2 }, "text");
    expect(first.where).toBeUndefined();
    expect(first.page(rows.slice(0, 2)).prevCursor).toBeNull();
    expect(first.page(rows.slice(0, 2)).nextCursor).toBeNull();
  });

  it("keyset, newest first: Next reads smaller keys in descending order, Previous larger ones, and the page still reads newest first", () => {
    const at = "2030-01-02 10:00:00+00";
    const fwd = keyset(customers.createdAt, customers.id, { limit: 2, cursor: encodeCursor({ k: at, id }) }, "timestamptz", "desc");
    const back = keyset(customers.createdAt, customers.id, { limit: 2, cursor: encodeCursor({ k: at, id, back: true }) }, "timestamptz", "desc");
    const render = (k: typeof fwd) => new PgDialect().sqlToQuery(sql`${k.where} order by ${sql.join(k.orderBy, sql`, `)}`).sql;
    expect(render(fwd)).toBe(
      '("customers"."created_at", "customers"."id") < ($1::timestamptz, $2::uuid) order by "customers"."created_at" desc, "customers"."id" desc',
    );
    expect(render(back)).toBe(
      '("customers"."created_at", "customers"."id") > ($1::timestamptz, $2::uuid) order by "customers"."created_at" asc, "customers"."id" asc',
    );
    // Read backwards (ascending, nearest first), shown newest first.
    const rows = [1, 2, 3].map((n) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, _k: `2030-01-0${n} 10:00:00+00` }));
    const page = back.page(rows);
    expect(page.data.map((r) => r.id.slice(-1))).toEqual(["2", "1"]);
    expect(page.prevCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor!)).toEqual({ k: rows[0]!._k, id: rows[0]!.id });
  });
});

describe("readPageOrFirst: a list page from a link's cursor", () => {
  const read = (cursor: string | undefined) => (cursor ? Promise.resolve(`page after ${decodeCursor(cursor).id}`) : Promise.resolve("first page"));
  it("reads the page a good cursor points at", async () => {
    const cursor = encodeCursor({ k: "2026-01-01 10:00:00+00", id: "00000000-0000-4000-8000-000000000001" });
    expect(await readPageOrFirst(cursor, read)).toEqual({ page: "page after 00000000-0000-4000-8000-000000000001", stale: false });
  });
  it("starts from the first page, saying so, when the cursor no longer reads", async () => {
    expect(await readPageOrFirst("not-a-cursor", read)).toEqual({ page: "first page", stale: true });
  });
  it("passes on any other failure, and a refusal without a cursor", async () => {
    await expect(readPageOrFirst("x", () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    await expect(readPageOrFirst(undefined, () => Promise.reject(new ValidationError("Bad filter.")))).rejects.toBeInstanceOf(ValidationError);
  });
});
