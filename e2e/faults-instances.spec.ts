import http from "node:http";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { bookingBody, faultPort, freshTarget, seedFaults, signInCookie, sleep } from "./support/faults";
import { readLog, startServer, stopServer, waitForHealth } from "./support/server";

/**
 * Two app instances on one real PostgreSQL. Defined only when DATABASE_URL is
 * set: the embedded database is single-process by design (a second process on
 * the same directory exits with a clear message and touches nothing — the
 * PGlite lock journey in foundation.spec.ts proves that on both passes), so
 * "two instances" only exists with a PostgreSQL server.
 *
 * Both instances get the same DATABASE_URL, SMTP server and webhook receiver
 * but their own data directory and no AUTH_SECRET/FIELDKEY_BACKUP_KEYS: the
 * generated secrets must come from the database for a session to work on both.
 */
const RACE = 20; // concurrent bookings of one slot, split across the instances
const MORE = 10; // further bookings (distinct slots), each with a confirmation mail and a webhook delivery

if (process.env.DATABASE_URL) {
  test("two instances on one PostgreSQL: one session works on both, a booking race yields one visit, each mail and webhook is sent once", async () => {
    test.setTimeout(120_000);
    const t0 = Date.now();
    const mails: { messageId: string; to: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          mails.push({ messageId: /^Message-ID:\s*<([^@>]+)@outbox\.fieldkey>/im.exec(raw)?.[1] ?? "none", to: session.envelope.rcptTo.map((r) => r.address).join(",") });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(faultPort("smtp"), "127.0.0.1", resolve));
    const hooks: string[] = [];
    const receiver = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        hooks.push(String(req.headers["fieldkey-delivery"]));
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(faultPort("webhook"), "127.0.0.1", resolve));

    const target = await freshTarget("twin");
    const fx = seedFaults(target, `http://127.0.0.1:${faultPort("webhook")}/hook`);
    const { default: postgres } = await import("postgres");
    const sql = postgres(target.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
    const env = { ...target.env, SMTP_URL: `smtp://127.0.0.1:${faultPort("smtp")}` };
    const ports = [faultPort("instanceA"), faultPort("instanceB")];
    const servers = ports.map((p, i) => startServer(p, { ...env, FIELDKEY_DATA_DIR: path.join(target.dir, `instance-${i}`) }, `faults-twin-${i}.log`));
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    try {
      try {
        await Promise.all(ports.map((p) => waitForHealth(p, 90_000)));
      } catch (err) {
        for (const s of servers) console.error(readLog(s.info));
        throw err;
      }
      const healthyAt = Date.now() - t0;

      // A session made on instance A is good on B (and the other way round).
      for (const [signInOn, useOn] of [
        [0, 1],
        [1, 0],
      ] as const) {
        const cookie = await signInCookie(bases[signInOn]!, fx.adminEmail);
        const session = await (await fetch(`${bases[useOn]}/api/auth/session`, { headers: { Cookie: cookie } })).json();
        expect(session?.user?.email).toBe(fx.adminEmail);
        const page = await fetch(`${bases[useOn]}/admin`, { headers: { Cookie: cookie }, redirect: "manual" });
        expect(page.status).toBe(200);
      }

      // One slot, 20 bookings at once, alternating instances: exactly one visit.
      const api = { Authorization: `Bearer ${fx.token}`, "Content-Type": "application/json" };
      const raceSlot = fx.slots[0]!;
      const statuses = await Promise.all(
        Array.from({ length: RACE }, async (_, i) => {
          const r = await fetch(`${bases[i % 2]}/api/v1/visits`, { method: "POST", headers: { ...api, "Idempotency-Key": randomUUID() }, body: JSON.stringify(bookingBody(fx.customerId, raceSlot, i)) });
          return r.status;
        }),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(RACE - 1);
      const won = await sql<{ id: string }[]>`select id from visits where starts_at = ${raceSlot} and status <> 'cancelled'`;
      expect(won).toHaveLength(1);

      for (let i = 1; i <= MORE; i++) {
        const r = await fetch(`${bases[i % 2]}/api/v1/visits`, { method: "POST", headers: { ...api, "Idempotency-Key": randomUUID() }, body: JSON.stringify(bookingBody(fx.customerId, fx.slots[i]!, 100 + i)) });
        expect(r.status).toBe(201);
      }

      // Both instances run the mail sender and the webhook job; wait until everything went out.
      const outbox = await sql<{ id: string }[]>`select id from mail_outbox`;
      const deliveries = await sql<{ id: string }[]>`select id from webhook_deliveries`;
      expect(outbox.length).toBe(1 + MORE);
      expect(deliveries.length).toBe(1 + MORE);
      await expect
        .poll(async () => (await sql`select 1 from mail_outbox where status <> 'sent' union all select 1 from webhook_deliveries where status <> 'delivered'`).length, {
          timeout: 45_000,
          intervals: [500],
        })
        .toBe(0);
      await sleep(1000); // anything sent twice would arrive now
      const perMail = new Map(outbox.map((m) => [m.id, mails.filter((x) => x.messageId === m.id).length]));
      expect([...perMail.values()]).toEqual(outbox.map(() => 1));
      expect(mails).toHaveLength(outbox.length);
      const perHook = deliveries.map((d) => hooks.filter((h) => h === d.id).length);
      expect(perHook).toEqual(deliveries.map(() => 1));
      expect(hooks).toHaveLength(deliveries.length);

      const claimers = await sql<{ claimed_by: string; n: number }[]>`select claimed_by, count(*)::int as n from mail_outbox group by claimed_by`;
      const note = `session on both; race ${RACE} -> 1 visit, ${RACE - 1} x 409; ${outbox.length} mails sent once each (claimed by ${claimers.map((c) => c.n).join(" + ")} per worker), ${deliveries.length} webhooks once each; healthy at ${healthyAt} ms, total ${Date.now() - t0} ms`;
      test.info().annotations.push({ type: "two-instances", description: note });
      console.log(`[faults] ${note}`);
    } finally {
      for (const s of servers) stopServer(s.info.pid, "SIGKILL");
      await sql.end({ timeout: 5 });
      smtp.close(() => {});
      receiver.close();
    }
  });
}
