/**
 * Accessibility: axe (WCAG 2.1 A/AA) on every page type, for every kind of visitor, plus two
 * keyboard-only journeys. Read-only (nothing is saved), so it runs in any order with the others.
 */
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { FIELD } from "./support/field-fixtures";
import { contextAs, PASSWORD, PHONE } from "./support/helpers";
import { PAGE_ROUTES } from "./support/routes";
import { account } from "./support/state";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const vault = () =>
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, ".tmp", "fixtures-vault.json"), "utf8")) as { deviceId: string; visitId: string };

/** Serious and critical violations on the page as it is now, one readable line per failing node. */
async function serious(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => `${page.url().replace(/^https?:\/\/[^/]+/, "")}  [${v.impact}] ${v.id}: ${v.help}\n    at ${n.target.join(" ")}\n    ${v.helpUrl}`),
    );
}

/** Collects the problems of every page a test visits; fails once, listing them all. */
function auditor(page: Page) {
  const found: string[] = [];
  return {
    /** Loads the page (one load), checks it loaded, scans it. */
    async visit(url: string, ready?: (p: Page) => Locator) {
      const res = await page.goto(url);
      expect(res?.status(), `${url} should load`).toBeLessThan(400);
      if (ready) await expect(ready(page)).toBeVisible();
      found.push(...(await serious(page)));
    },
    async scanHere() {
      found.push(...(await serious(page)));
    },
    done() {
      expect(found, `serious/critical accessibility violations:\n${found.join("\n")}`).toEqual([]);
    },
  };
}

/** The href of the first link matching the pattern (pages pick their own ids; we never guess). */
async function firstHref(page: Page, pattern: RegExp) {
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${page.url()}`).toBeTruthy();
  return href!;
}

const stepIs = (page: Page, title: string) => expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true }).click();

test.describe("axe: no serious or critical violations", () => {
  test("signed-out pages and every booking step", async ({ page }) => {
    const a = auditor(page);
    for (const url of ["/", "/signup", "/forgot-password", "/setup", "/reset-password?token=not-a-real-token-but-long-enough"]) await a.visit(url);
    // A form with its errors showing (checked in the browser; nothing is sent).
    await a.visit("/signin");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await a.scanHere();

    await a.visit("/book", (p) => p.getByRole("heading", { name: "Your details", level: 2 }));
    await page.getByLabel("Full name").fill("Alex Axe");
    await page.getByLabel("Email").fill("alex-axe@example.test");
    await page.getByLabel("Phone").fill("216-555-0142");
    await next(page);
    await stepIs(page, "Address");
    await a.scanHere();
    await page.getByLabel("Street address").fill("77 Detroit Ave");
    await page.getByLabel("City").fill("Cleveland");
    await page.getByLabel("State").fill("OH");
    await page.getByLabel("ZIP code").fill("44102");
    await next(page);
    await stepIs(page, "Devices");
    await a.scanHere();
    await page.locator("#devices-0-brand").selectOption("hikvision");
    await page.locator("#devices-0-kind").selectOption("dvr");
    await page.locator("#devices-0-model").fill("DS-7208HQHI");
    await page.locator("#devices-0-problem").fill("Password lost");
    await page.getByTestId("device-0").getByRole("group", { name: /GUID/ }).getByLabel("Yes").check();
    await next(page);
    await stepIs(page, "Day and time");
    await page.getByTestId("slot-days").getByRole("button").last().click();
    await page.getByTestId("slot-times").getByRole("button").first().click();
    await a.scanHere();
    await next(page);
    await stepIs(page, "Review and confirm");
    await page.getByLabel("Set a password now").check();
    await a.scanHere(); // never confirmed: nothing is booked
    a.done();
  });

  test("customer pages", async ({ browser }) => {
    const page = await (await contextAs(browser, "customerA")).newPage();
    const a = auditor(page);
    await a.visit("/portal");
    const visit = await firstHref(page, /^\/portal\/visits\//);
    await a.visit(visit);
    for (const url of ["/portal/devices", "/portal/sites", "/portal/backups"]) await a.visit(url);
    a.done();
  });

  test("technician pages on a phone", async ({ browser }) => {
    const page = await (await contextAs(browser, "tech", { viewport: PHONE })).newPage();
    const a = auditor(page);
    await a.visit("/tech", (p) => p.getByTestId(`visit-${FIELD.journeyRef}`));
    await a.visit(`/tech/visits/${FIELD.journeyVisit}`, (p) => p.getByRole("heading", { name: "Carla Customer" }));
    // On site: the playbook with its Try buttons.
    await a.visit(`/tech/visits/${FIELD.unauthorizedVisit}`, (p) => p.getByRole("button", { name: /^Try / }).first());
    const { deviceId, visitId } = vault();
    await a.visit(`/tech/devices/${deviceId}?visit=${visitId}`, (p) => p.getByRole("heading", { level: 1 }));
    a.done();
  });

  test("admin pages", async ({ browser }) => {
    test.setTimeout(150_000); // ~30 pages with axe each: close to the default 60 s on a busy 2-core machine
    const page = await (await contextAs(browser, "admin")).newPage();
    const a = auditor(page);
    const adminPages = PAGE_ROUTES.filter((r) => r.path.startsWith("/admin") && r.admin === "ok").map((r) => r.path);
    expect(adminPages.length).toBeGreaterThan(10);
    for (const url of adminPages) await a.visit(url);

    await a.visit("/admin/customers");
    await a.visit(await firstHref(page, /^\/admin\/customers\/[0-9a-f-]{36}$/));
    await a.visit(`/admin/devices/${vault().deviceId}`);
    await a.visit("/admin/technicians");
    await a.visit(await firstHref(page, /^\/admin\/technicians\/[0-9a-f-]{36}$/));
    await a.visit("/admin/outbox");
    await a.visit(await firstHref(page, /^\/admin\/outbox\/[0-9a-f-]{36}$/));
    a.done();
  });
});

/** Presses Tab (or Shift+Tab) until the target has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}) {
  for (let i = 0; i < (opts.max ?? 40); i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(opts.back ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

test.describe("keyboard only", () => {
  test("sign in, then the first two booking steps, without a click", async ({ page }) => {
    const carla = account("customerA");
    await page.goto("/signin");
    await tabTo(page, page.getByLabel("Email"));
    await page.keyboard.type(carla.email);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Password")).toBeFocused();
    await page.keyboard.type(carla.password ?? PASSWORD);
    await tabTo(page, page.getByRole("button", { name: "Sign in" }));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/portal/);

    // To the booking link in the portal, then through the steps.
    await tabTo(page, page.getByRole("link", { name: /Book/ }).first(), { max: 60 });
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/book/);
    // A signed-in customer starts at the address (their saved one is picked), then devices.
    await expect(page.getByTestId("step-count")).toHaveText("Step 1 of 4");
    const nextBtn = page.getByRole("button", { name: "Next", exact: true });
    await tabTo(page, nextBtn, { max: 60 });
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("step-count")).toHaveText("Step 2 of 4");
    // Devices: pick a saved one with the arrow keys, then Space on Next.
    const saved = page.getByLabel("One of your saved devices?");
    await tabTo(page, saved, { max: 60 });
    await page.keyboard.press("ArrowDown");
    await expect(saved).not.toHaveValue("");
    await tabTo(page, nextBtn, { max: 60 });
    await page.keyboard.press("Space");
    await expect(page.getByTestId("step-count")).toHaveText("Step 3 of 4");
    await expect(page.getByRole("heading", { name: "Day and time", level: 2 })).toBeFocused();
    // Back again with Shift+Tab.
    await tabTo(page, page.getByRole("button", { name: "Back" }), { back: true, max: 60 });
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("step-count")).toHaveText("Step 2 of 4");
  });

  test("a technician opens an on-site job and reaches the first Try button", async ({ browser }) => {
    const page = await (await contextAs(browser, "tech", { viewport: PHONE })).newPage();
    await page.goto("/tech");
    const open = page.getByRole("link", { name: `Open job ${FIELD.unauthorizedRef}` });
    await tabTo(page, open, { max: 80 });
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/tech/visits/${FIELD.unauthorizedVisit}`));
    const firstTry = page.getByRole("button", { name: /^Try / }).first();
    await expect(firstTry).toBeVisible();
    await tabTo(page, firstTry, { max: 80 });
    await expect(firstTry).toBeFocused();
    // Enter opens its sheet (nothing is saved until the technician says so).
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog")).toBeVisible();
  });
});
