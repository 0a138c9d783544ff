import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { attempts, authorizations, customers, recoveryMethods, users, visits } from "./schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { fromConstraintViolation, pgError } from "@/lib/platform/errors";

async function violation(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return { pg: pgError(err), app: fromConstraintViolation(err) };
  }
  throw new Error("expected a constraint violation, but the write succeeded");
}

describe("database constraints", () => {
  it("keeps emails unique regardless of case, with a helpful message", async () => {
    const db = await getDb();
    await db.insert(users).values({ email: "Owner@Example.test", name: "A", role: "admin" });
    const v = await violation(db.insert(users).values({ email: "owner@example.TEST", name: "B", role: "admin" }));
    expect(v.pg?.code).toBe("23505");
    expect(v.app?.status).toBe(409);
    expect(v.app?.fieldErrors?.email?.[0]).toMatch(/already exists/);
  });

  it("refuses an unknown role and a customer login without a customer record", async () => {
    const db = await getDb();
    expect((await violation(db.insert(users).values({ email: "x@example.test", name: "X", role: "root" as never }))).pg?.code).toBe("23514");
    expect((await violation(db.insert(users).values({ email: "y@example.test", name: "Y", role: "customer" }))).pg?.code).toBe("23514");
  });

  it("never lets two active visits of one technician overlap, buffer included", async () => {
    const tech = await makeUser("technician");
    const cust = await makeUser("customer");
    const start = new Date("2030-01-07T14:00:00Z");
    await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: start, minutes: 60, bufferMinutes: 30 });
    // Starts inside the first visit's travel buffer: refused.
    const v = await violation(
      makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: new Date(start.getTime() + 75 * 60_000), minutes: 60 }),
    );
    expect(v.pg?.code).toBe("23P01");
    expect(v.app?.message).toMatch(/just taken/);
    // Right after the buffer: fine. Another technician at the same time: fine.
    await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: new Date(start.getTime() + 90 * 60_000) });
    const other = await makeUser("technician");
    await makeVisit({ customerId: cust.customerId!, technicianId: other.id, startsAt: start });
  });

  it("lets a cancelled visit free its time", async () => {
    const tech = await makeUser("technician");
    const cust = await makeUser("customer");
    const start = new Date("2030-02-04T14:00:00Z");
    const first = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: start });
    const db = await getDb();
    await db.update(visits).set({ status: "cancelled" }).where(eq(visits.id, first));
    await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: start });
  });

  it("refuses invalid visit states and one idempotency key used twice", async () => {
    const cust = await makeUser("customer");
    const tech = await makeUser("technician");
    const db = await getDb();
    const id = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: new Date("2030-03-04T14:00:00Z") });
    expect(
      (
        await violation(
          db
            .update(visits)
            .set({ status: "lost" as never })
            .where(eq(visits.id, id)),
        )
      ).pg?.code,
    ).toBe("23514");
    await db.update(visits).set({ idempotencyKey: "key-1" }).where(eq(visits.id, id));
    const second = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: new Date("2030-03-05T14:00:00Z") });
    expect((await violation(db.update(visits).set({ idempotencyKey: "key-1" }).where(eq(visits.id, second)))).pg?.code).toBe("23505");
  });

  it("only accepts attempts for devices that are on the visit", async () => {
    const cust = await makeUser("customer");
    const tech = await makeUser("technician");
    const onVisit = await makeDevice(cust.customerId!);
    const notOnVisit = await makeDevice(cust.customerId!);
    const visitId = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: new Date("2030-04-01T14:00:00Z"), deviceIds: [onVisit] });
    const db = await getDb();
    const base = { visitId, methodId: "dahua_qr_dmss", technicianId: tech.id, seq: 1, outcome: "failed" as const };
    await db.insert(attempts).values({ ...base, deviceId: onVisit });
    const v = await violation(db.insert(attempts).values({ ...base, deviceId: notOnVisit }));
    expect(v.pg?.code).toBe("23503");
    expect(v.app?.message).toMatch(/not on this visit/);
    expect((await violation(db.insert(attempts).values({ ...base, deviceId: onVisit, seq: 2, durationSeconds: -5 }))).pg?.code).toBe("23514");
  });

  it("allows only one authorization per visit", async () => {
    const cust = await makeUser("customer");
    const tech = await makeUser("technician");
    const visitId = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: new Date("2030-05-01T14:00:00Z") });
    const db = await getDb();
    const row = { visitId, personName: "Pat", relationship: "owner" as const, statement: "I own it", typedAcknowledgement: "Pat", recordedBy: tech.id };
    await db.insert(authorizations).values(row);
    const v = await violation(db.insert(authorizations).values(row));
    expect(v.app?.message).toMatch(/cannot be replaced/);
  });

  it("restricts deleting a customer who has visits", async () => {
    const cust = await makeUser("customer");
    const tech = await makeUser("technician");
    await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: new Date("2030-06-01T14:00:00Z") });
    const db = await getDb();
    const v = await violation(db.delete(customers).where(eq(customers.id, cust.customerId!)));
    expect(["23001", "23503"]).toContain(v.pg?.code);
    expect(v.app?.status).toBe(409);
  });

  it("seeds the recovery-method catalogue with the seed guide's claims", async () => {
    const db = await getDb();
    const rows = await db.select().from(recoveryMethods).orderBy(recoveryMethods.sortOrder);
    const ids = rows.map((r) => r.id);
    for (const id of [
      "dahua_qr_dmss",
      "dahua_configtool_xml",
      "hik_guid_file",
      "hik_sadp_export",
      "lorex_app_temp_password",
      "lorex_support_temp_password",
      "other",
    ]) {
      expect(ids).toContain(id);
    }
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId.dahua_qr_dmss!.claimedSuccessRate).toBe(0.95);
    expect(byId.dahua_security_questions!.claimedSuccessRate).toBe(1);
    expect(byId.dahua_reset_button!.claimedSuccessRate).toBe(0.9);
    expect(byId.dahua_reset_button!.wipesConfig).toBe("yes");
    expect(byId.dahua_configtool_xml!.claimedSuccessRate).toBe(1);
    expect(
      rows
        .filter((r) => r.vendorPending)
        .map((r) => r.id)
        .sort(),
    ).toEqual(["dahua_configtool_xml", "dahua_support_serial_date", "hik_sadp_export", "hik_sadp_security_code", "lorex_support_temp_password"].sort());
    expect(byId.hik_guid_file!.claimedSuccessRate).toBeNull();
    for (const r of rows) expect(r.steps.length, `${r.id} has playbook steps`).toBeGreaterThan(0);
  });
});
