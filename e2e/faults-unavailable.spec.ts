import { expect, test } from "@playwright/test";
import { faultPort, freshTarget, seedFaults, signInCookie, tcpProxy } from "./support/faults";
import { readLog, startServer, stopServer, waitForHealth } from "./support/server";

/**
 * The database goes away while the app runs, then comes back. Defined only
 * when DATABASE_URL is set: the embedded database runs inside the server
 * process, so it cannot become unreachable while the server lives (making its
 * files unreadable under a running PGlite changes nothing it has open, and a
 * second process is refused by the lock — foundation.spec.ts). With a
 * PostgreSQL server, a TCP proxy on 127.0.0.1 sits between the app and the
 * database; cutting it refuses new connections and kills the open ones.
 */
if (process.env.DATABASE_URL) {
  test("database unavailable: friendly pages, /api/health and the API say so, and the app recovers by itself", async ({ browser }) => {
    test.setTimeout(120_000);
    const t0 = Date.now();
    const pg = new URL(process.env.DATABASE_URL!);
    const proxy = await tcpProxy(faultPort("proxy"), { host: pg.hostname, port: Number(pg.port || 5432) });
    const target = await freshTarget("down");
    const fx = seedFaults(target); // directly (the seeder runs synchronously: this process's proxy could not forward meanwhile)
    const viaProxy = new URL(target.env.DATABASE_URL!);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(faultPort("proxy"));
    const port = faultPort("behindProxy");
    const base = `http://127.0.0.1:${port}`;
    const server = startServer(port, { ...target.env, DATABASE_URL: viaProxy.toString() }, "faults-down.log");
    const context = await browser.newContext({ baseURL: base });
    try {
      await waitForHealth(port, 90_000);
      const cookie = await signInCookie(base, fx.adminEmail);
      const [name, value] = cookie.split(/=(.*)/s) as [string, string];
      await context.addCookies([{ name, value, url: base }]);
      const page = await context.newPage();
      const api = { Authorization: `Bearer ${fx.token}` };
      await page.goto("/admin");
      await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Something went wrong");
      const normalHeading = await page.getByRole("heading", { level: 1 }).first().textContent();
      expect((await fetch(`${base}/api/v1/visits`, { headers: api })).status).toBe(200);

      // Cut the database off.
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
      expect(await problem.json()).toMatchObject({ status: 503, title: "Service unavailable", detail: "The database is unavailable right now. Please try again in a moment." });

      // Pages: the friendly error page, not a stack trace or a blank page.
      for (const path of ["/admin", "/"]) {
        const res = await page.goto(path);
        expect(res!.status(), path).toBeGreaterThanOrEqual(500);
        await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
        await expect(page.getByText("the database may be unavailable")).toBeVisible();
        await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
        const text = await page.locator("body").innerText();
        expect(text).not.toMatch(/ECONNREFUSED|CONNECTION_|postgres|at [\w.]+ \(|node_modules|\.ts:\d+/i);
      }
      await page.screenshot({ path: "test-results/screens/faults-db-unavailable.png" });

      // The database returns: no restart, the app serves again.
      await proxy.restore();
      await expect.poll(async () => (await fetch(`${base}/api/health`)).status, { timeout: 20_000, intervals: [250] }).toBe(200);
      const recoveredMs = Date.now() - cutAt;
      await page.goto("/admin");
      await expect(page.getByRole("heading", { level: 1 }).first()).toHaveText(normalHeading!);
      expect((await fetch(`${base}/api/v1/visits`, { headers: api })).status).toBe(200);
      expect(readLog(server.info)).not.toMatch(/unexpected error/); // mapped as "unavailable", not as a bug

      const note = `health 503 + problem+json 503 + friendly page while cut; healthy again ${recoveredMs} ms after the cut (restored after the checks); total ${Date.now() - t0} ms`;
      test.info().annotations.push({ type: "db-unavailable", description: note });
      console.log(`[faults] ${note}`);
    } finally {
      await context.close();
      stopServer(server.info.pid, "SIGKILL");
      await proxy.close();
    }
  });
}
