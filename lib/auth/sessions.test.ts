import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions, userTwoFactor, users } from "@/db/schema";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";
import { makeUser } from "@/test/support/factories";
import { endSession, markSecondFactor, resolveSession, startSession } from "./sessions";

const S = DEFAULT_SETTINGS;
const HOUR = 3600_000;
const claims = (uid: string, sid: string, sv = 1) => ({ uid, sid, sv });

async function backdate(sid: string, ms: number) {
  await (
    await getDb()
  )
    .update(sessions)
    .set({ createdAt: sql`now() - make_interval(secs => ${ms / 1000})` })
    .where(eq(sessions.id, sid));
}

describe("server-side sessions (lib/auth/sessions.ts)", () => {
  it("sign-out ends that session on the server: its cookie is signed out, the same user's other session is not", async () => {
    const db = await getDb();
    const carla = await makeUser("customer");
    const phone = await startSession(db, carla.id);
    const laptop = await startSession(db, carla.id);
    expect(await resolveSession(db, claims(carla.id, phone), S)).toMatchObject({ kind: "signed-in", actor: { id: carla.id } });
    await endSession(db, phone);
    expect(await resolveSession(db, claims(carla.id, phone), S)).toEqual({ kind: "signed-out" });
    expect(await resolveSession(db, claims(carla.id, laptop), S)).toMatchObject({ kind: "signed-in" });
    // A session id belongs to its user: another user's claims with it are signed out.
    const other = await makeUser("customer");
    expect(await resolveSession(db, claims(other.id, laptop), S)).toEqual({ kind: "signed-out" });
  });

  it("a session ends at its absolute lifetime from sign-in, whatever the cookie says: staff 12 h, customers 30 days (settings)", async () => {
    const db = await getDb();
    const tech = await makeUser("technician");
    const customer = await makeUser("customer");
    const t = await startSession(db, tech.id);
    const c = await startSession(db, customer.id);
    await backdate(t, 11.9 * HOUR);
    await backdate(c, 11.9 * HOUR);
    expect((await resolveSession(db, claims(tech.id, t), S)).kind).toBe("signed-in");
    await backdate(t, 12 * HOUR + 60_000);
    await backdate(c, 12 * HOUR + 60_000);
    expect((await resolveSession(db, claims(tech.id, t), S)).kind).toBe("signed-out");
    expect((await resolveSession(db, claims(customer.id, c), S)).kind).toBe("signed-in");
    await backdate(c, 30 * 24 * HOUR + 60_000);
    expect((await resolveSession(db, claims(customer.id, c), S)).kind).toBe("signed-out");
    // The lifetime is the company's setting, applied to sessions already running.
    await backdate(c, 2 * 24 * HOUR);
    expect((await resolveSession(db, claims(customer.id, c), { ...S, customerSessionDays: 1 })).kind).toBe("signed-out");
  });

  it("without settings given, the lifetimes are the stored ones, read with the session (a bad stored value falls back to the default)", async () => {
    const db = await getDb();
    const customer = await makeUser("customer");
    const tech = await makeUser("technician");
    const c = await startSession(db, customer.id);
    const t = await startSession(db, tech.id);
    await backdate(c, 2 * 24 * HOUR);
    await backdate(t, 3 * HOUR);
    expect((await resolveSession(db, claims(customer.id, c))).kind).toBe("signed-in");
    expect((await resolveSession(db, claims(tech.id, t))).kind).toBe("signed-in");
    try {
      await db.execute(sql`INSERT INTO settings (key, value) VALUES ('customerSessionDays', '1'::jsonb), ('staffSessionHours', '"two"'::jsonb)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
      expect((await resolveSession(db, claims(customer.id, c))).kind).toBe("signed-out");
      expect((await resolveSession(db, claims(tech.id, t))).kind).toBe("signed-in"); // "two" is not hours: the default 12 h applies
      await db.execute(sql`UPDATE settings SET value = '2'::jsonb WHERE key = 'staffSessionHours'`);
      expect((await resolveSession(db, claims(tech.id, t))).kind).toBe("signed-out");
    } finally {
      await db.execute(sql`DELETE FROM settings WHERE key IN ('customerSessionDays', 'staffSessionHours')`);
    }
  });

  it("a changed session version, a disabled user or an unknown session is signed out", async () => {
    const db = await getDb();
    const u = await makeUser("technician");
    const sid = await startSession(db, u.id);
    expect((await resolveSession(db, claims(u.id, sid, 2), S)).kind).toBe("signed-out");
    expect((await resolveSession(db, claims(u.id, "00000000-0000-4000-8000-000000000000"), S)).kind).toBe("signed-out");
    expect((await resolveSession(db, claims(u.id, "not-a-uuid"), S)).kind).toBe("signed-out");
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, u.id));
    expect((await resolveSession(db, claims(u.id, sid), S)).kind).toBe("signed-out");
    expect(await resolveSession(db, null, S)).toEqual({ kind: "signed-out" });
  });

  it("an admin's session without the second factor is not an admin session; nor is an enrolled technician's", async () => {
    const db = await getDb();
    const admin = await makeUser("admin");
    const sid = await startSession(db, admin.id);
    expect(await resolveSession(db, claims(admin.id, sid), S)).toMatchObject({ kind: "second-factor", enrolled: false, user: { id: admin.id } });
    const tech = await makeUser("technician");
    const tsid = await startSession(db, tech.id);
    expect((await resolveSession(db, claims(tech.id, tsid), S)).kind).toBe("signed-in"); // optional for technicians
    await db.insert(userTwoFactor).values({ userId: tech.id, secretSealed: "v1.x.y.z", enabledAt: new Date() });
    expect(await resolveSession(db, claims(tech.id, tsid), S)).toMatchObject({ kind: "second-factor", enrolled: true });
    await markSecondFactor(db, tsid);
    expect(await resolveSession(db, claims(tech.id, tsid), S)).toMatchObject({ kind: "signed-in", secondFactor: true, actor: { id: tech.id } });
    await markSecondFactor(db, sid);
    expect(await resolveSession(db, claims(admin.id, sid), S)).toMatchObject({ kind: "signed-in", actor: { role: "admin" } });
  });
});
