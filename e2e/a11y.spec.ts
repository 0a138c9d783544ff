/**
 * The page scans: every page of the route matrix (e2e/support/routes.ts), for every kind of
 * visitor allowed there, at 390 px and at 1280 px, on pages with data in every list (the e2e
 * seeders, e2e/seeders/80-scan.ts and 81-scan-platform.ts for the lists nothing else fills). One load per page, width
 * and visitor; each fails on serious or critical axe violations (WCAG 2.1 A/AA), on any
 * sideways scrolling or element sticking out of the viewport, and on an <html lang> that is
 * not the company's locale. Plus the booking steps and two keyboard-only journeys. Read-only
 * (nothing is saved), so it runs in any order with the others.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { FIELD } from "./support/field-fixtures";
import { contextAs, PASSWORD, PHONE } from "./support/helpers";
import { PAGE_ROUTES, type Visitor } from "./support/routes";
import { account, type E2ERole } from "./support/state";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
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

const stepIs = (page: Page, title: string) => expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true }).click();

test.describe("axe: no serious or critical violations", () => {
  test("a form with its errors, and every booking step", async ({ page }) => {
    const a = auditor(page);
    // (Each page as it loads is in the matrix scan below; here, the states a load does not reach.)
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
});

/** Where a page breaks a phone or desktop layout: sideways scrolling, or elements drawn past the viewport's edges (clipping ancestors respected). */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > vw) out.push(`scrolls sideways: ${root.scrollWidth}px of content in ${vw}px`);
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 3).join(".")}` : "";
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
    };
    /** Is the element clipped by an ancestor that holds it (overflow other than visible), which itself is inside the viewport? */
    const clipped = (el: Element) => {
      let needPositioned = getComputedStyle(el).position === "absolute";
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const positioned = cs.position !== "static";
        if (needPositioned && !positioned) continue; // an absolutely placed box escapes non-positioned ancestors' clipping
        if (positioned) needPositioned = cs.position === "absolute";
        if (cs.overflowX !== "visible") {
          const r = a.getBoundingClientRect();
          if (r.left >= -1 && r.right <= vw + 1) return true;
        }
      }
      return false;
    };
    // An absolutely placed box (an sr-only label) inside a sideways scroll box whose containing block is outside it
    // escapes the box: it is not clipped and widens the page once the table scrolls (/admin/users was 447 px at 390).
    const escapes: Element[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (getComputedStyle(el).position !== "absolute") continue;
      let scroller: Element | null = null;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.position !== "static") break; // the containing block comes first: held
        if (cs.overflowX === "auto" || cs.overflowX === "scroll") scroller = a;
      }
      if (scroller && !escapes.some((e) => e === scroller)) {
        escapes.push(scroller);
        out.push(`${describe(el)} is absolutely placed inside a scroll box that does not hold it (give the box position: relative): ${describe(scroller)}`);
      }
    }
    const flagged: Element[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const cs = getComputedStyle(el);
      if (cs.position === "fixed" || cs.display === "none" || cs.visibility === "hidden") continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || (r.left >= -1 && r.right <= vw + 1)) continue;
      if (clipped(el)) continue;
      // Report the outermost offender only: its children stick out with it.
      if (flagged.some((f) => f.contains(el))) continue;
      out.push(`sticks out (${Math.round(r.left)}..${Math.round(r.right)} of ${vw}px): ${describe(el)}`);
      flagged.push(el);
      if (flagged.length >= 5) break;
    }
    return out;
  });
}

/** The customer's and technician's header: every item on screen (none off the edge unseen), and the current page marked (aria-current="page"). */
async function header(page: Page): Promise<string[]> {
  const links = await page
    .locator('header nav[aria-label="Main"] a')
    .evaluateAll((as) =>
      as.map((a) => ({ text: a.textContent?.trim() ?? "", current: a.getAttribute("aria-current"), r: a.getBoundingClientRect().toJSON() as DOMRect })),
    );
  if (links.length === 0) return [];
  const vw = await page.evaluate(() => document.documentElement.clientWidth);
  const out = links
    .filter((l) => l.r.left < 0 || l.r.right > vw + 1)
    .map((l) => `the header's "${l.text}" is off the edge (${Math.round(l.r.left)}..${Math.round(l.r.right)} of ${vw}px)`);
  const current = links.filter((l) => l.current === "page").map((l) => l.text);
  if (current.length !== 1) out.push(`the header marks ${current.length} items as the current page (${current.join(", ") || "none"})`);
  return out;
}

/** The locale the settings page shows (the one every page's <html lang> must carry). */
async function companyLocale(browser: Browser) {
  const ctx = await contextAs(browser, "admin");
  const page = await ctx.newPage();
  await page.goto("/admin/settings");
  const field = page.getByLabel("Date and time format (locale)");
  await expect(field).not.toHaveValue(""); // filled by the form once it runs
  const locale = await field.inputValue();
  await ctx.close();
  expect(locale).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
  return locale;
}

const WIDTHS = [390, 1280] as const;
/** One visitor per role (otherTech and customerB are the same roles as tech and customerA). */
const SCANNED: Visitor[] = ["anon", "customerA", "tech", "admin"];

for (const width of WIDTHS) {
  for (const who of SCANNED) {
    // Tagged @markup: what it checks is the rendered markup, the same on either database (.ci/run scans on PostgreSQL only).
    test(`every page of the matrix for ${who} at ${width} px: axe, overflow, language`, { tag: "@markup" }, async ({ browser }) => {
      const rows = PAGE_ROUTES.filter((r) => r[who] === "ok");
      test.setTimeout(60_000 + rows.length * 8_000); // one load and one axe run per page on a busy 2-core machine
      const viewport = { width, height: 900 };
      const ctx = who === "anon" ? await browser.newContext({ viewport }) : await contextAs(browser, who as E2ERole, { viewport });
      const page = await ctx.newPage();
      const locale = await companyLocale(browser);
      const found: string[] = [];
      for (const { path: url } of rows) {
        const res = await page.goto(url);
        expect(res?.status(), `${url} should load for ${who}`).toBeLessThan(400);
        const lang = await page.evaluate(() => document.documentElement.lang);
        if (lang !== locale) found.push(`${url}  <html lang="${lang}">, the company's locale is ${locale}`);
        found.push(...(await serious(page)));
        found.push(...(await overflow(page)).map((o) => `${url}  [${width} px] ${o}`));
        found.push(...(await header(page)).map((o) => `${url}  [${width} px] ${o}`));
      }
      await ctx.close();
      expect(found, `problems on ${who}'s pages at ${width} px:\n${found.join("\n")}`).toEqual([]);
    });
  }
}

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
