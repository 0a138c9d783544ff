import http from "node:http";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { bookingBody, faultPort, freshTarget, seedFaults, signInCookie, sleep, tcpProxy, type FaultsFixture } from "./support/faults";
import { readLog, startServer, stopServer, waitForHealth } from "./support/server";

/**
 * Faults that need a PostgreSQL server, defined only when DATABASE_URL is set:
 * - two instances: the embedded database is single-process by design (a second
 *   process on the same directory exits with a clear message and touches
 *   nothing — the PGlite lock journey in foundation.spec.ts proves that on both
 *   passes), so "two instances" only exists with a server;
 * - database unavailable: the embedded database runs inside the server process
 *   and cannot become unreachable while the server lives (making its files
 *   unreadable under a running PGlite changes nothing it has open).
 *
 * One fresh database, two instances: A reaches PostgreSQL through a TCP proxy
 * on 127.0.0.1 (cut while A starts, and again in the second test), B directly. Both get the same SMTP
 * server and webhook receiver but their own data directory and no
 * AUTH_SECRET/FIELDKEY_BACKUP_KEYS: the generated secrets must come from the
 * database for one session to work on both.
 */
const RACE = 20; // concurrent bookings of one slot, split across the instances
const MORE = 10; // further bookings (distinct slots), each with a confirmation mail and a webhook delivery

if (process.env.DATABASE_URL) {
  test.describe.serial("on one PostgreSQL server", () => {
    const mails: string[] = []; // Message-ID local parts (= outbox row ids)
    const hooks: string[] = []; // FieldKey-Delivery headers
    let smtp: SMTPServer;
    let receiver: http.Server;
    let proxy: Awaited<ReturnType<typeof tcpProxy>>;
    let sql: import("postgres").Sql;
    let fx: FaultsFixture;
    let servers: ReturnType<typeof startServer>[] = [];
    const ports = [faultPort("instanceA"), faultPort("instanceB")];
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    let healthyMs = 0;

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      const t0 = Date.now();
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            mails.push(/^Message-ID:\s*<([^@>]+)@outbox\.fieldkey>/im.exec(Buffer.concat(chunks).toString("utf8"))?.[1] ?? "none");
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(faultPort("smtp"), "127.0.0.1", resolve));
      receiver = http.createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          hooks.push(String(req.headers["fieldkey-delivery"]));
          res.writeHead(200).end("ok");
        });
      });
      await new Promise<void>((resolve) => receiver.listen(faultPort("webhook"), "127.0.0.1", resolve));

      const target = await freshTarget("pg");
      fx = seedFaults(target, `http://127.0.0.1:${faultPort("webhook")}/hook`); // directly: the seeder blocks this process, so the proxy could not forward meanwhile
      const pg = new URL(target.env.DATABASE_URL!);
      proxy = await tcpProxy(faultPort("proxy"), { host: pg.hostname, port: Number(pg.port || 5432) });
      await proxy.cut(); // the database is "down" when instance A starts
      const viaProxy = new URL(pg);
      viaProxy.hostname = "127.0.0.1";
      viaProxy.port = String(faultPort("proxy"));
      const { default: postgres } = await import("postgres");
      sql = postgres(target.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
      const env = { ...target.env, SMTP_URL: `smtp://127.0.0.1:${faultPort("smtp")}` };
      servers = ports.map((p, i) =>
        startServer(
          p,
          { ...env, FIELDKEY_DATA_DIR: path.join(target.dir, `instance-${i}`), ...(i === 0 ? { DATABASE_URL: viaProxy.toString() } : {}) },
          `faults-pg-${i}.log`,
        ),
      );
      try {
        // A starts while its database is unreachable: it serves (503 on /api/health), its background
        // jobs run and retry, and it becomes healthy by itself once the database is there.
        await waitForHealth(ports[1]!, 90_000);
        await expect
          .poll(
            () =>
              fetch(`${bases[0]}/api/health`).then(
                (r) => r.status,
                () => 0,
              ),
            { timeout: 60_000 },
          )
          .toBe(503);
        await expect.poll(() => readLog(servers[0]!.info), { timeout: 20_000 }).toMatch(/background job [\w-]+: the database is unavailable; will retry/);
        await proxy.restore();
        await waitForHealth(ports[0]!, 30_000);
      } catch (err) {
        for (const s of servers) console.error(readLog(s.info));
        throw err;
      }
      healthyMs = Date.now() - t0;
    });

    test.afterAll(async () => {
      for (const s of servers) stopServer(s.info.pid, "SIGKILL");
      await sql?.end({ timeout: 5 });
      await proxy?.close();
      smtp?.close(() => {});
      receiver?.close();
    });

    test("two instances: one session works on both, a booking race yields one visit, each mail and webhook is sent once", async () => {
      test.setTimeout(90_000);
      const t0 = Date.now();
      // A session made on either instance is good on the other.
      for (const [signInOn, useOn] of [
        [0, 1],
        [1, 0],
      ] as const) {
        const cookie = await signInCookie(bases[signInOn]!, fx.techEmail);
        const session = await (await fetch(`${bases[useOn]}/api/auth/session`, { headers: { Cookie: cookie } })).json();
        expect(session?.user?.email).toBe(fx.techEmail);
        expect((await fetch(`${bases[useOn]}/tech`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
      }

      // One slot, 20 bookings at once, alternating instances: exactly one visit.
      const api = { Authorization: `Bearer ${fx.token}`, "Content-Type": "application/json" };
      const book = (i: number, slot: string) =>
        fetch(`${bases[i % 2]}/api/v1/visits`, {
          method: "POST",
          headers: { ...api, "Idempotency-Key": randomUUID() },
          body: JSON.stringify(bookingBody(fx.customerId, slot, i)),
        }).then((r) => r.status);
      const statuses = await Promise.all(Array.from({ length: RACE }, (_, i) => book(i, fx.slots[0]!)));
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(RACE - 1);
      expect(await sql`select id from visits where starts_at = ${fx.slots[0]!} and status <> 'cancelled'`).toHaveLength(1);
      expect(await Promise.all(Array.from({ length: MORE }, (_, i) => book(i + 1, fx.slots[i + 1]!)))).toEqual(Array(MORE).fill(201));

      // Both instances run the mail sender and the webhook job: wait until everything went out.
      const outbox = (await sql<{ id: string }[]>`select id from mail_outbox`).map((r) => r.id);
      const deliveries = (await sql<{ id: string }[]>`select id from webhook_deliveries`).map((r) => r.id);
      expect(outbox).toHaveLength(1 + MORE);
      expect(deliveries).toHaveLength(1 + MORE);
      await expect
        .poll(
          async () =>
            (await sql`select 1 from mail_outbox where status <> 'sent' union all select 1 from webhook_deliveries where status <> 'delivered'`).length,
          { timeout: 45_000, intervals: [500] },
        )
        .toBe(0);
      await sleep(1000); // anything sent twice would have arrived by now
      expect(outbox.map((id) => mails.filter((m) => m === id).length)).toEqual(outbox.map(() => 1));
      expect(mails).toHaveLength(outbox.length);
      expect(deliveries.map((id) => hooks.filter((h) => h === id).length)).toEqual(deliveries.map(() => 1));
      expect(hooks).toHaveLength(deliveries.length);

      const claimers = await sql<{ n: number }[]>`select count(*)::int as n from mail_outbox group by claimed_by`;
      const note = `race ${RACE} -> 1 visit + ${RACE - 1} x 409; ${outbox.length} mails and ${deliveries.length} webhooks each sent once (mail claims per sender run: ${claimers.map((c) => c.n).join(" + ")}); both healthy ${healthyMs} ms after the set-up began; test ${Date.now() - t0} ms`;
      test.info().annotations.push({ type: "two-instances", description: note });
      console.log(`[faults] ${note}`);
    });

    test("database unavailable: friendly pages, /api/health and the API say so, and the app recovers by itself", async ({ browser }) => {
      test.setTimeout(90_000);
      const t0 = Date.now();
      const base = bases[0]!; // the instance behind the proxy
      const context = await browser.newContext({ baseURL: base });
      try {
        const [name, value] = (await signInCookie(base, fx.techEmail)).split(/=(.*)/s) as [string, string];
        await context.addCookies([{ name, value, url: base }]);
        const page = await context.newPage();
        const api = { Authorization: `Bearer ${fx.token}` };
        await page.goto("/tech");
        const heading = page.getByRole("heading", { level: 1 }).first();
        await expect(heading).not.toHaveText("Something went wrong");
        const normalHeading = await heading.textContent();
        expect((await fetch(`${base}/api/v1/visits`, { headers: api })).status).toBe(200);

        await proxy.cut();
        const cutAt = Date.now();
        const health = await fetch(`${base}/api/health`);
        expect(health.status).toBe(503);
        expect(health.headers.get("cache-control")).toBe("no-store");
        expect(await health.json()).toEqual({ status: "error", database: "unavailable" });
        const problem = await fetch(`${base}/api/v1/visits`, { headers: api });
        expect(problem.status).toBe(503);
        expect(problem.headers.get("content-type")).toBe("application/problem+json");
        expect(problem.headers.get("retry-after")).toBeTruthy();
        expect(await problem.json()).toMatchObject({
          status: 503,
          title: "Service unavailable",
          detail: "The database is unavailable right now. Please try again in a moment.",
        });
        // Pages: the friendly error page, not a stack trace or a blank page.
        for (const p of ["/tech", "/"]) {
          const res = await page.goto(p);
          expect(res!.status(), p).toBeGreaterThanOrEqual(500);
          await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
          await expect(page.getByText("the database may be unavailable")).toBeVisible();
          await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
          expect(await page.locator("body").innerText()).not.toMatch(/ECONNREFUSED|CONNECTION_|postgres|at [\w.]+ \(|node_modules|\.ts:\d+/i);
        }
        await page.screenshot({ path: "test-results/screens/faults-db-unavailable.png" });
        // The other instance has its own connections: it keeps serving.
        expect((await fetch(`${bases[1]}/api/health`)).status).toBe(200);

        // The database returns: no restart, the app serves again.
        await proxy.restore();
        await expect.poll(async () => (await fetch(`${base}/api/health`)).status, { timeout: 20_000, intervals: [250] }).toBe(200);
        const recoveredMs = Date.now() - cutAt;
        await page.goto("/tech");
        await expect(heading).toHaveText(normalHeading!);
        expect((await fetch(`${base}/api/v1/visits`, { headers: api })).status).toBe(200);
        expect(readLog(servers[0]!.info)).not.toMatch(/unexpected error/); // mapped as "unavailable", not logged as a bug

        const note = `health 503, problem+json 503 and the friendly page while cut; the other instance stayed healthy; healthy again ${recoveredMs} ms after the cut (restored after the checks); test ${Date.now() - t0} ms`;
        test.info().annotations.push({ type: "db-unavailable", description: note });
        console.log(`[faults] ${note}`);
      } finally {
        await context.close();
      }
    });
  });
}
