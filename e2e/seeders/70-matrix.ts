import fs from "node:fs";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { apiTokens, customers, devices, sessions, sites, users, visitDevices, visits, API_SCOPES } from "@/db/schema";
import type { ApiScope } from "@/lib/values";
import { env } from "@/lib/platform/env";
import { hashPassword } from "@/lib/auth/password";
import { newSecretToken, tokenHash } from "@/lib/platform/secret-tokens";
import { createUserUnchecked } from "@/lib/users/manage";
import type { Database } from "@/db/client";
import { PASSWORD } from "../support/helpers";
import type { Seeder } from "../support/seed";
import { MATRIX_FIXTURES, type MatrixFixtures } from "../support/matrix-fixtures";

/**
 * Fixtures for the authorization matrix (e2e/authz-matrix.spec.ts,
 * e2e/api-matrix.spec.ts, e2e/session-security.spec.ts):
 * - Carla (customer A) gets a site, a device and a visit assigned to Terry;
 *   Bea (a second customer) the same with a visit assigned to Mo (a second
 *   technician). Far in the future, so no journey's day view shows them.
 * - An API token with every scope for Carla, Bea, Terry, Mo, Adrian (a
 *   technician the matrix promotes to admin: seeding an admin would end the
 *   first-admin setup flow), Della and a revoked one.
 * - Della, an active customer the matrix signs in (session and token) and
 *   then disables: the "disabled" visitor of every matrix.
 * - Two accounts for the sign-in throttling test.
 * - Pat, a technician whose work on Carla's device has ended (a cancelled
 *   visit and one completed three days ago, past the 24 h grace): the
 *   "pastTech" caller (finding 6).
 * - Eve, a customer whose only session began 31 days ago (past the 30-day
 *   lifetime): the "expired" caller's cookie, minted here with the server's
 *   secret (finding 4).
 * - A token of Adrian's with only `visits:write`: the "writeOnly" caller (finding 11).
 */
async function place(db: Database, customerId: string, technicianId: string, serial: string, dayOffset: number) {
  const [site] = await db
    .insert(sites)
    .values({ customerId, label: "Matrix site", addressLine1: "1 Matrix Way", city: "Cleveland", region: "OH", postalCode: "44113" })
    .returning({ id: sites.id });
  const [device] = await db
    .insert(devices)
    .values({ customerId, siteId: site!.id, brand: "dahua", kind: "dvr", model: "XVR5104HS", serial })
    .returning({ id: devices.id });
  const start = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 + dayOffset * 24 * 3600_000);
  const [visit] = await db
    .insert(visits)
    .values({
      reference: `FK-MX${serial.slice(-3)}`,
      customerId,
      siteId: site!.id,
      technicianId,
      startsAt: start,
      endsAt: new Date(start.getTime() + 60 * 60_000),
      busyUntil: new Date(start.getTime() + 90 * 60_000),
      status: "scheduled",
    })
    .returning({ id: visits.id });
  await db.insert(visitDevices).values({ visitId: visit!.id, deviceId: device!.id, problem: "Matrix fixture" });
  return { siteId: site!.id, deviceId: device!.id, visitId: visit!.id };
}

/** A visit of Pat's with Carla's device that no longer gives access to it. */
async function pastVisit(
  db: Database,
  technicianId: string,
  a: { siteId: string; deviceId: string },
  customerId: string,
  daysAgo: number,
  status: "cancelled" | "completed",
) {
  const start = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 - daysAgo * 24 * 3600_000);
  const [visit] = await db
    .insert(visits)
    .values({
      reference: `FK-MXP${daysAgo}`,
      customerId,
      siteId: a.siteId,
      technicianId,
      startsAt: start,
      endsAt: new Date(start.getTime() + 60 * 60_000),
      busyUntil: new Date(start.getTime() + 90 * 60_000),
      status,
      ...(status === "completed" ? { completedAt: new Date(start.getTime() + 60 * 60_000) } : { cancelledAt: start, cancelReason: "Matrix fixture" }),
    })
    .returning({ id: visits.id });
  await db.insert(visitDevices).values({ visitId: visit!.id, deviceId: a.deviceId, problem: "Matrix fixture (ended)" });
}

/** A session cookie (as next-auth writes it over plain http) for a sessions row that began `daysAgo` days ago. */
async function agedSessionCookie(db: Database, userId: string, daysAgo: number) {
  const [row] = await db
    .insert(sessions)
    .values({ userId, createdAt: new Date(Date.now() - daysAgo * 24 * 3600_000) })
    .returning({ id: sessions.id });
  const [u] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
  const name = "authjs.session-token";
  const value = await encode({ token: { uid: userId, sv: u!.sv, sid: row!.id }, secret: env().AUTH_SECRET, salt: name, maxAge: 90 * 24 * 3600 });
  return { name, value };
}

async function token(db: Database, userId: string, opts: { revoked?: boolean; scopes?: ApiScope[] } = {}) {
  const t = newSecretToken("fk_");
  await db.insert(apiTokens).values({
    name: "matrix",
    userId,
    tokenPrefix: t.slice(0, 10),
    tokenHash: tokenHash(t),
    scopes: opts.scopes ?? [...API_SCOPES],
    revokedAt: opts.revoked ? new Date() : null,
  });
  return t;
}

const seed: Seeder = async ({ db, terry, carla }) => {
  const passwordHash = await hashPassword(PASSWORD);
  const mo = await createUserUnchecked(db, { email: "mo@fieldkey.test", name: "Mo Matrix", role: "technician", passwordHash });
  const adrian = await createUserUnchecked(db, { email: "adrian@fieldkey.test", name: "Adrian Matrix", role: "technician", passwordHash });
  const [bc] = await db.insert(customers).values({ name: "Bea Matrix", email: "bea@example.test" }).returning({ id: customers.id });
  const bea = await createUserUnchecked(db, { email: "bea@example.test", name: "Bea Matrix", role: "customer", passwordHash, customerId: bc!.id });
  const [lc] = await db.insert(customers).values({ name: "Della Disabled", email: "della@example.test" }).returning({ id: customers.id });
  const della = await createUserUnchecked(db, { email: "della@example.test", name: "Della Disabled", role: "customer", passwordHash, customerId: lc!.id });
  const throttleEmails = ["tess@example.test", "tim@example.test"];
  for (const email of throttleEmails) {
    const [c] = await db.insert(customers).values({ name: "Throttle Test", email }).returning({ id: customers.id });
    await createUserUnchecked(db, { email, name: "Throttle Test", role: "customer", passwordHash, customerId: c!.id });
  }

  const a = await place(db, carla.customerId, terry.id, "MATRIX-A-001", 60);
  const b = await place(db, bc!.id, mo.id, "MATRIX-B-002", 61);
  const pat = await createUserUnchecked(db, { email: "pat@fieldkey.test", name: "Pat Past", role: "technician", passwordHash });
  await pastVisit(db, pat.id, a, carla.customerId, 10, "cancelled");
  await pastVisit(db, pat.id, a, carla.customerId, 3, "completed");
  const [ec] = await db.insert(customers).values({ name: "Eve Expired", email: "eve@example.test" }).returning({ id: customers.id });
  const eve = await createUserUnchecked(db, { email: "eve@example.test", name: "Eve Expired", role: "customer", passwordHash, customerId: ec!.id });
  const fixtures: MatrixFixtures = {
    customerA: { customerId: carla.customerId, ...a },
    customerB: { customerId: bc!.id, userId: bea.id, ...b },
    mo: { id: mo.id },
    adrian: { id: adrian.id },
    disabledUser: { id: della.id, email: "della@example.test" },
    throttle: { emails: throttleEmails },
    pastTech: { id: pat.id, email: "pat@fieldkey.test" },
    expiredCookie: await agedSessionCookie(db, eve.id, 31),
    tokens: {
      customerA: await token(db, carla.id),
      customerB: await token(db, bea.id),
      tech: await token(db, terry.id),
      otherTech: await token(db, mo.id),
      admin: await token(db, adrian.id),
      disabled: await token(db, della.id), // works until the matrix disables Della
      revoked: await token(db, terry.id, { revoked: true }),
      pastTech: await token(db, pat.id),
      writeOnly: await token(db, adrian.id, { scopes: ["visits:write"] }),
    },
  };
  fs.writeFileSync(MATRIX_FIXTURES, JSON.stringify(fixtures, null, 2));
};

export default seed;
