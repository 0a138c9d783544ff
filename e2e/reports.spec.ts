import fs from "node:fs";
import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { contextAs, PHONE } from "./support/helpers";
import { storageStatePath, type E2ERole } from "./support/state";
import { REPORT_NOTE } from "./seeders/40-reports";

const MARCH = "from=2021-03-01&to=2021-03-31";
const TABLES = ["brand-method", "claims", "first-visit", "time-to-unlock", "vendors", "technicians", "trend", "attempts"];

test.describe("admin reports", () => {
  test("an admin filters the report, sees the chart and downloads the CSV", async ({ browser }) => {
    const ctx = await contextAs(browser, "admin");
    const page = await ctx.newPage();
    await page.goto(`/admin/reports?${MARCH}`);
    await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
    // Terry's March 2021 fixtures: 7 final attempts, 5 succeeded, 7 completed visits.
    await expect(page.getByTestId("report-totals")).toContainText("7 attempts with a result (5 succeeded, 0 waiting on a vendor), 7 completed visits");

    await page.getByLabel("Brand", { exact: true }).selectOption("dahua");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/brand=dahua/);
    await expect(page.getByTestId("report-totals")).toContainText("5 attempts with a result (4 succeeded, 0 waiting on a vendor), 5 completed visits");

    const section = page.getByTestId("section-brand-method");
    const chart = section.getByRole("figure", { name: /success rate by brand and method/i });
    await expect(chart.locator("svg").first()).toBeVisible();
    const qr = section.getByRole("row", { name: /Dahua · QR code \+ DMSS app/ });
    await expect(qr).toContainText("75%");
    await expect(qr).toContainText("small sample");
    await expect(section.getByRole("row", { name: /Hikvision/ })).toHaveCount(0);
    await expect(page.getByTestId("chart-trend").locator("svg").first()).toBeVisible();
    // the first-visit view agrees with the totals
    await expect(page.getByTestId("section-first-visit").getByRole("row", { name: /All visits/ })).toContainText("5");

    const download = page.waitForEvent("download");
    await section.getByRole("link", { name: /Download CSV/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^fieldkey-brand-method-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = Papa.parse<Record<string, string>>(fs.readFileSync((await file.path())!, "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.brand, r.method_id, r.attempts, r.succeeded, r.rate, r.small_sample])).toEqual([
      ["dahua", "dahua_qr_dmss", "4", "3", "0.75", "yes"],
      ["dahua", "dahua_configtool_xml", "1", "1", "1", "yes"],
    ]);

    const raw = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download raw attempts (CSV)" }).click();
    const rawRows = Papa.parse<Record<string, string>>(fs.readFileSync((await (await raw).path())!, "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(rawRows).toHaveLength(5);
    expect(rawRows.every((r) => r.brand === "dahua" && r.technician === "Terry Tech")).toBe(true);
    expect(rawRows.find((r) => r.outcome === "failed")!.notes).toBe("'" + REPORT_NOTE);
    await ctx.close();
  });

  test("an admin filters by model text, sees the models matched and opens a rate's attempts", async ({ browser }) => {
    const ctx = await contextAs(browser, "admin");
    const page = await ctx.newPage();
    await page.goto(`/admin/reports?${MARCH}`);
    await page.getByLabel("Model contains").fill("nvr4108");
    await page.getByRole("button", { name: "Apply filters" }).click();
    // only what is set stays in the address (the form sends its empty fields too)
    await expect(page).toHaveURL(/\/admin\/reports\?from=2021-03-01&to=2021-03-31&model=nvr4108$/);
    await expect(page.getByTestId("matched-models")).toContainText("Dahua DHI-NVR4108 · 4 attempts");
    await expect(page.getByTestId("report-totals")).toContainText("4 attempts with a result (3 succeeded");

    const qr = page.getByTestId("section-brand-method").getByRole("row", { name: /Dahua · QR code \+ DMSS app/ });
    await qr.getByRole("link", { name: /^3 attempts, .*succeeded: list them$/ }).click();
    await expect(page).toHaveURL(/\/admin\/reports\/attempts\?.*model=nvr4108.*method=dahua_qr_dmss.*outcome=succeeded/);
    await expect(page.getByTestId("drill-count")).toHaveText("3 succeeded attempts");
    await expect(page.getByTestId("drill-row")).toHaveCount(3);
    const first = page.getByTestId("drill-row").first();
    await expect(first.getByRole("link", { name: /DHI-NVR4108/ })).toHaveAttribute("href", /^\/admin\/devices\/[0-9a-f-]{36}$/);
    await first.getByRole("link", { name: /RPT-E2E-/ }).click();
    await expect(page).toHaveURL(/\/admin\/visits\/[0-9a-f-]{36}$/);
    await ctx.close();
  });

  test("an admin compares two periods side by side and opens a period's attempts", async ({ browser }) => {
    const ctx = await contextAs(browser, "admin");
    const page = await ctx.newPage();
    // March 1–4: four Dahua QR attempts, 3 succeeded; March 5–31: XML (after the vendor), GUID, Lorex failed: 2 of 3
    await page.goto("/admin/reports?from=2021-03-01&to=2021-03-04");
    await page.getByLabel("Other period starts").fill("2021-03-05");
    await page.getByLabel("Other period ends").fill("2021-03-31");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/cfrom=2021-03-05&cto=2021-03-31/);
    const section = page.getByTestId("section-comparison");
    await expect(section.getByRole("heading", { name: "2021-03-01 to 2021-03-04 compared with 2021-03-05 to 2021-03-31" })).toBeVisible();
    const all = section.getByRole("row", { name: /^All attempts/ });
    await expect(all).toContainText("75%");
    await expect(all).toContainText("67%");
    await expect(all).toContainText("+8 pts");
    await expect(all).toContainText("Yes: may be chance");
    // a figure with no attempts in one period reads "—" there, not a rate and an empty interval
    const qr = section.getByRole("row", { name: /^Dahua · QR code \+ DMSS app/ });
    await expect(qr.getByRole("cell")).toHaveText(["4", /^75%/, "0", "—", "—", "—"]);
    // the other period's count opens its attempts, with the other dates
    await all.getByRole("link", { name: /^3 attempts with a result, All attempts, 2021-03-05 to 2021-03-31: list them$/ }).click();
    await expect(page).toHaveURL(/\/admin\/reports\/attempts\?from=2021-03-05&to=2021-03-31.*outcome=final/);
    await expect(page.getByTestId("drill-row")).toHaveCount(3);
    await ctx.close();
  });

  test("bad filters get a message on the field, not an error page", async ({ browser }) => {
    const page = await (await contextAs(browser, "admin")).newPage();
    await page.goto("/admin/reports?from=2021-03-31&to=2021-03-01");
    const to = page.getByLabel("To (day)");
    await expect(to).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
    // the lists behind a figure: a cell that does not read is named; a cursor that does not read starts at the first page
    await page.goto(`/admin/reports/attempts?${MARCH}&outcome=nope`);
    await expect(page.getByRole("heading", { name: "Attempts behind a report figure", level: 1 })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "These filters are not valid" })).toContainText("outcome: Pick one of");
    await page.goto(`/admin/reports/visits?${MARCH}&outcome=completed&cursor=not-a-cursor`);
    await expect(page.getByTestId("drill-count")).toHaveText("7 completed visits");
    await expect(page.getByTestId("drill-row")).toHaveCount(7);
  });

  test("only admins reach the exports", async ({ playwright, baseURL }) => {
    for (const who of ["tech", "otherTech", "customerA", "customerB"] as E2ERole[]) {
      const api = await playwright.request.newContext({ baseURL, storageState: storageStatePath(who) });
      for (const table of TABLES) {
        const res = await api.get(`/admin/reports/export?table=${table}&${MARCH}`, { maxRedirects: 0 });
        expect(res.status(), `${who} ${table}`).toBe(403);
        expect(await res.text()).not.toContain("dahua");
      }
      await api.dispose();
    }
    const anon = await playwright.request.newContext({ baseURL });
    const res = await anon.get("/admin/reports/export?table=attempts", { maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(res.status());
    expect(res.headers()["location"]).toContain("/signin");
    await anon.dispose();
    const admin = await playwright.request.newContext({ baseURL, storageState: storageStatePath("admin") });
    const ok = await admin.get(`/admin/reports/export?table=technicians&${MARCH}`);
    expect(ok.status()).toBe(200);
    expect(ok.headers()["content-disposition"]).toMatch(/^attachment; filename="fieldkey-technicians-/);
    const nope = await admin.get("/admin/reports/export?table=nope");
    expect(nope.status()).toBe(400);
    expect(nope.headers()["content-type"]).toBe("application/problem+json");
    expect(await nope.json()).toMatchObject({ status: 400, errors: [{ in: "query", field: "table", detail: expect.stringContaining("Unknown table.") }] });
    await admin.dispose();
  });

  test("screenshots at phone and desktop widths", async ({ browser }) => {
    for (const [name, viewport] of [
      ["390", PHONE],
      ["1280", { width: 1280, height: 900 }],
    ] as const) {
      const page = await (await contextAs(browser, "admin", { viewport })).newPage();
      await page.goto(`/admin/reports?${MARCH}`);
      await expect(page.getByTestId("chart-brand-method").locator("svg").first()).toBeVisible();
      await page.screenshot({ path: `test-results/screens/reports-${name}.png`, fullPage: true });
      await page.getByTestId("section-brand-method").screenshot({ path: `test-results/screens/reports-${name}-brand-method.png` });
      await page.getByTestId("section-technicians").screenshot({ path: `test-results/screens/reports-${name}-technicians.png` });
    }
  });
});
