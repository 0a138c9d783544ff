import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { enrolSecondFactor, signIn, toasts } from "./support/helpers";
import { faultPort, freshTarget, runTsx, sleep } from "./support/faults";
import { groupAlive, readLog, startServer, stopServer, waitForHealth } from "./support/server";
import type { TimeZoneCheck } from "./support/timezone-check";
import type { TimeZoneFixture, WindowTotals } from "./support/timezone-seed";

/**
 * Issue #19: a change of the company's time zone is not applied inside the
 * request. It is recorded in report_state, and the background job
 * "reports-rollups" (lib/reports/jobs.ts) moves the rollups in steps of 1,000
 * facts, each claimed under report_state's row lock; meanwhile /admin/reports
 * says how far it got. Here, on a fresh database of this pass with a synthetic
 * history of ATTEMPTS attempts (several steps), servers WITH background jobs:
 * two instances on PostgreSQL (taking turns at the steps), one on PGlite (one
 * process per embedded database). An admin changes the zone in the settings
 * form; the report shows the banner with a share strictly between 0 and 100 %,
 * the banner goes by itself, and then the report's totals are those counted
 * from the base tables in the new zone, and every rollup table equals a full
 * recomputation (a step applied twice, or skipped, would leave facts on the
 * wrong day).
 */
const PG = !!process.env.DATABASE_URL;
const ATTEMPTS = 6_000;
const NEW_ZONE = "America/Los_Angeles"; // three hours west: the facts of the evening hours change day

const totalsText = (t: WindowTotals) =>
  `${t.final} attempts with a result (${t.succeeded} succeeded, ${t.pending} waiting on a vendor), ${t.visits} completed visits`;

/** The banner's share, or null when there is no banner. */
async function progressOn(page: Page, fx: TimeZoneFixture): Promise<number | null> {
  const banner = page.getByTestId("rollup-progress");
  await expect(page.getByTestId("report-totals")).toBeVisible();
  if ((await banner.count()) === 0) return null;
  const text = await banner.innerText();
  expect(text).toContain(`The figures are being moved from ${fx.oldZone} to the new time zone ${fx.newZone}:`);
  return Number(/(\d+)% done/.exec(text)![1]);
}

test(`a time-zone change shows its progress and finishes with the figures of the new zone (${PG ? "PostgreSQL, two instances" : "PGlite"})`, async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const t0 = Date.now();
  const target = await freshTarget("tz");
  const fx: TimeZoneFixture = runTsx(
    "e2e/support/timezone-seed.ts",
    { ...target.env, TZ_ATTEMPTS: String(ATTEMPTS), TZ_NEW_ZONE: NEW_ZONE },
    path.join(target.dir, "fixture.json"),
  );
  expect(fx.expected.new).not.toEqual(fx.expected.old);
  const ports = PG ? [faultPort("timeZoneA"), faultPort("timeZoneB")] : [faultPort("timeZoneA")];
  const bases = ports.map((p) => `http://127.0.0.1:${p}`);
  // Background jobs on (the journey server runs without them). On PostgreSQL each instance has its own data directory.
  const servers = ports.map((p, i) =>
    startServer(
      p,
      { ...target.env, FIELDKEY_DISABLE_BACKGROUND: "0", ...(PG ? { FIELDKEY_DATA_DIR: path.join(target.dir, `instance-${i}`) } : {}) },
      `timezone-${i}.log`,
    ),
  );
  const { default: postgres } = await import("postgres");
  const sql = PG ? postgres(target.env.DATABASE_URL!, { max: 1, onnotice: () => {} }) : null;
  const context = await browser.newContext({ baseURL: bases[0] });
  let stopped = false;
  try {
    await Promise.all(ports.map((p) => waitForHealth(p, 90_000)));
    const healthyMs = Date.now() - t0;
    const page = await context.newPage();
    await signIn(page, fx.adminEmail);
    await enrolSecondFactor(page, fx.adminEmail); // admins sign in with two steps: the first sign-in enrols
    const report = `/admin/reports?from=${fx.window.from}&to=${fx.window.to}`;
    const signedInMs = Date.now() - t0;
    await page.goto(report);
    await expect(page.getByTestId("report-totals")).toContainText(totalsText(fx.expected.old));
    expect(await progressOn(page, fx)).toBeNull();

    await page.goto("/admin/settings");
    const form = page.getByRole("form", { name: "Company settings" });
    await expect(form.getByLabel("Time zone")).toHaveValue(fx.oldZone);
    await form.getByLabel("Time zone").selectOption(NEW_ZONE);
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(toasts(page)).toContainText("Settings saved.", { timeout: 60_000 });
    const savedAt = Date.now();

    // Which instance did the last step, watched in the database meanwhile (PostgreSQL: both should take turns).
    const stepBy = new Set<string>();
    let watching = PG;
    const watcher = (async () => {
      while (watching && sql) {
        const [s] = await sql<{ step_by: string | null }[]>`SELECT step_by FROM report_state WHERE id = 1`;
        if (s?.step_by) stepBy.add(s.step_by);
        await sleep(100);
      }
    })();

    // The report, reloaded from each instance in turn, until the banner is gone.
    const seen: number[] = [];
    let n = 0;
    await expect
      .poll(
        async () => {
          await page.goto(`${bases[n++ % bases.length]}${report}`);
          const p = await progressOn(page, fx);
          if (p !== null) seen.push(p);
          return p;
        },
        { timeout: 120_000, intervals: [300] },
      )
      .toBeNull();
    const movedMs = Date.now() - savedAt;
    watching = false;
    await watcher;
    expect(seen.length, "the banner was shown").toBeGreaterThan(0);
    expect(
      seen.some((p) => p > 0 && p < 100),
      `a share strictly between 0 and 100 % (seen ${seen.join(", ")})`,
    ).toBe(true);
    expect(seen, "the share never goes back").toEqual([...seen].sort((a, b) => a - b));
    await page.screenshot({ path: "test-results/screens/report-timezone-done.png", fullPage: true });

    // The new zone's figures, on every instance.
    for (const base of bases) {
      await page.goto(`${base}${report}`);
      await expect(page.getByTestId("report-totals")).toContainText(totalsText(fx.expected.new));
    }
    await page.goto("/admin/settings");
    await expect(page.getByRole("form", { name: "Company settings" }).getByLabel("Time zone")).toHaveValue(NEW_ZONE);

    const checkedMs = Date.now() - t0;
    for (const s of servers) stopServer(s.info.pid);
    stopped = true;
    await expect.poll(() => servers.filter((s) => groupAlive(s.info.pid)).length, { timeout: 20_000 }).toBe(0); // the embedded database is free
    const check: TimeZoneCheck = runTsx("e2e/support/timezone-check.ts", target.env, path.join(target.dir, "check.json"));
    expect(check.state).toEqual({ fromTz: NEW_ZONE, toTz: NEW_ZONE, moving: false, pendingTz: null });
    expect(check.tables.find((t) => t.table === "report_cum")!.rows).toBeGreaterThan(0);
    expect(check.tables.filter((t) => t.extra || t.missing)).toEqual([]);
    if (PG) expect(stepBy.size, `steps by ${[...stepBy].join(", ")}`).toBe(2);

    const note = `${ATTEMPTS} attempts seeded in ${fx.seedMs} ms; healthy after ${healthyMs} ms, signed in after ${signedInMs} ms; moved in ${movedMs} ms (shares seen: ${seen.join(", ")}${PG ? `; steps by ${stepBy.size} instances` : ""}); new figures checked after ${checkedMs} ms; rollups equal a recomputation; test ${Date.now() - t0} ms`;
    test.info().annotations.push({ type: "time-zone change", description: note });
    console.log(`[timezone] ${note}`);
  } catch (err) {
    for (const s of servers) console.error(readLog(s.info));
    throw err;
  } finally {
    await context.close();
    if (!stopped) for (const s of servers) stopServer(s.info.pid, "SIGKILL");
    await sql?.end({ timeout: 5 });
  }
});
