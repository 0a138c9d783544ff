import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { contextAs, formMessage, PASSWORD, PHONE, signIn, unique } from "./support/helpers";
import { next, stepIs } from "./support/wizard";

const DESKTOP = { width: 1280, height: 900 };
const SHOTS = "test-results/screens";
fs.mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** Walk a new customer through /book; returns the reference. Picks the last day offered (well past the cut-off). */
async function bookAsNewCustomer(page: Page, who: { name: string; email: string }, account: "password" | "invite", tag: string) {
  await page.goto("/book");
  await stepIs(page, "Your details");
  await expect(page.getByTestId("step-count")).toHaveText("Step 1 of 5");
  await page.getByLabel("Full name").fill(who.name);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Phone").fill("216-555-0142");
  if (tag === "phone") await shot(page, "book-1-contact-390");
  await next(page);

  await stepIs(page, "Address");
  await page.getByLabel("Street address").fill("77 Detroit Ave");
  await page.getByLabel("City").fill("Cleveland");
  await page.getByLabel("State").fill("OH");
  await page.getByLabel("ZIP code").fill("44102");
  await next(page);

  await stepIs(page, "Devices");
  await page.locator("#devices-0-brand").selectOption("hikvision");
  await page.locator("#devices-0-kind").selectOption("dvr");
  await page.locator("#devices-0-model").fill("DS-7208HQHI");
  await page.locator("#devices-0-problem").fill("Password lost when the installer left");
  await page.getByTestId("device-0").getByRole("group", { name: /GUID/ }).getByLabel("Yes").check();
  await shot(page, `book-3-devices-${tag}`);
  await next(page);

  await stepIs(page, "Day and time");
  const days = page.getByTestId("slot-days").getByRole("button");
  await expect(days.first()).toBeVisible();
  await days.last().click();
  await page.getByTestId("slot-times").getByRole("button").first().click();
  await expect(page.getByTestId("slot-times").getByRole("button", { pressed: true })).toHaveCount(1);
  await shot(page, `book-4-time-${tag}`);
  // The day strip scrolls inside the card; the page itself never gets wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
  await next(page);

  await stepIs(page, "Review and confirm");
  await expect(page.getByTestId("review")).toContainText("77 Detroit Ave");
  await expect(page.getByTestId("review")).toContainText("Hikvision DVR DS-7208HQHI");
  if (account === "password") {
    await page.getByLabel("Set a password now").check();
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Confirm password").fill(PASSWORD);
  } else {
    await page.getByLabel("Email me a link to set it later").check();
  }
  await shot(page, `book-5-review-${tag}`);
  await page.getByRole("button", { name: "Confirm booking" }).click();

  const confirmation = page.getByTestId("confirmation");
  await expect(confirmation).toBeVisible();
  await expect(confirmation).toContainText("Physical access to the recorder");
  await expect(confirmation).toContainText("77 Detroit Ave, Cleveland, OH 44102");
  // A technician's first name: any seeded technician may be the free one.
  await expect(page.getByTestId("booking-technician")).toHaveText(/^[A-Z][a-z]+$/);
  await expect(confirmation.getByRole("link", { name: /Add to calendar/ })).toHaveAttribute("download", /\.ics$/);
  await shot(page, `book-6-confirmation-${tag}`);
  return (await page.getByTestId("booking-reference").textContent())!.trim();
}

test.describe.serial("booking journeys", () => {
  const phoneCustomer = { name: "Pat Phone", email: `pat-${unique()}@example.test` };
  let phoneReference = "";

  test("a new customer books on a phone-sized screen, setting a password", async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: PHONE });
    const page = await ctx.newPage();
    phoneReference = await bookAsNewCustomer(page, phoneCustomer, "password", "phone");
    expect(phoneReference).toMatch(/^FK-[2-9A-Z]{6}$/);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The password just chosen signed them in: no second sign-in to see the visit.
    await expect(page.getByRole("link", { name: "Sign in to manage your visit" })).toHaveCount(0);
    await page.getByRole("link", { name: "See this visit" }).click();
    await expect(page).toHaveURL(/\/portal\/visits\/[0-9a-f-]{36}$/);
    await expect(page.locator("main")).toContainText(phoneReference);
    await ctx.close();
  });

  test("a new customer books on a desktop with an emailed link; the admin sees both emails, with the .ics, in the outbox", async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const page = await ctx.newPage();
    const email = `dee-${unique()}@example.test`;
    const reference = await bookAsNewCustomer(page, { name: "Dee Desktop", email }, "invite", "desktop");
    await expect(page.getByTestId("confirmation")).toContainText("We also sent a link to set your password");
    await ctx.close();

    const admin = await contextAs(browser, "admin", { viewport: DESKTOP });
    const a = await admin.newPage();
    await a.goto("/admin/outbox");
    const rows = a.getByTestId("outbox-row").filter({ hasText: email });
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "account.invite" })).toContainText("Set your");
    await shot(a, "admin-outbox-1280");
    await rows.filter({ hasText: reference }).getByRole("link").click();
    await expect(a.getByTestId("mail-body")).toContainText(reference);
    await expect(a.getByTestId("mail-body")).toContainText("A monitor (HDMI or VGA) and a USB mouse");
    const ics = a.getByRole("link", { name: `Download visit-${reference}.ics` });
    await expect(ics).toBeVisible();
    await shot(a, "admin-outbox-mail-1280");
    const res = await a.request.get((await ics.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/calendar");
    expect(res.headers()["content-disposition"]).toBe(`attachment; filename="visit-${reference}.ics"`);
    const body = await res.text();
    expect(body).toContain("METHOD:REQUEST");
    expect(body).toContain("SEQUENCE:0");
    // The attachment is for admins only.
    const customer = await contextAs(browser, "customerB");
    const denied = await customer.request.get((await ics.getAttribute("href"))!);
    expect(denied.status()).toBe(403);
    expect(denied.headers()["content-type"]).toBe("application/problem+json");
    await customer.close();
    await admin.close();
  });

  test("the new customer reschedules, then cancels, from the portal", async ({ browser }) => {
    const ctx = await browser.newContext({ viewport: PHONE });
    const page = await ctx.newPage();
    await signIn(page, phoneCustomer.email);
    await expect(page).toHaveURL(/\/portal$/);
    const row = page.getByTestId(`visit-${phoneReference}`);
    await expect(row).toContainText("Scheduled");
    await shot(page, "portal-390");
    await row.getByRole("link").click();
    await expect(page.getByRole("heading", { name: `Visit ${phoneReference}` })).toBeVisible();
    const before = await page.getByTestId("visit-window").textContent();

    await page.getByRole("button", { name: "Reschedule" }).click();
    await page.getByTestId("slot-days").getByRole("button").nth(-2).click();
    await page.getByTestId("slot-times").getByRole("button").first().click();
    await shot(page, "portal-reschedule-390");
    await page.getByRole("button", { name: "Move my visit" }).click();
    await expect(formMessage(page)).toContainText("Moved to");
    await expect(page.getByTestId("visit-window")).not.toHaveText(before!);

    await page.getByRole("button", { name: "Cancel visit" }).click();
    await page.getByRole("button", { name: "Yes, cancel the visit" }).click();
    await expect(page.getByTestId("visit-status")).toHaveText("Cancelled");
    await page.goto("/portal");
    await expect(page.getByTestId(`visit-${phoneReference}`)).toContainText("Cancelled");
    await ctx.close();

    // Three booking emails for that visit: confirmation, new time, cancellation.
    const admin = await contextAs(browser, "admin");
    const a = await admin.newPage();
    await a.goto("/admin/outbox");
    const mails = a.getByTestId("outbox-row").filter({ hasText: phoneReference });
    await expect(mails).toHaveCount(3);
    await expect(mails.filter({ hasText: "booking.cancelled" })).toHaveCount(1);
    await expect(mails.filter({ hasText: "booking.rescheduled" })).toHaveCount(1);
    await admin.close();
  });
});

test("an admin books for a phone customer found by search, with their saved address and device", async ({ browser }) => {
  const page = await (await contextAs(browser, "admin", { viewport: DESKTOP })).newPage();
  await page.goto("/admin/book");
  await stepIs(page, "Customer");
  await page.getByLabel("Find an existing customer").fill("carla");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("button", { name: "Book for Carla Customer" }).click();
  await expect(page.getByTestId("chosen-customer")).toContainText("carla@example.test");
  await next(page);
  await stepIs(page, "Address");
  await expect(page.getByLabel(/12 Lorain Ave/)).toBeChecked();
  await next(page);
  await stepIs(page, "Devices");
  await page.getByLabel("One of your saved devices?").selectOption({ label: "Dahua NVR NVR4108HS-4KS2" });
  await expect(page.getByTestId("device-0-saved")).toContainText("Dahua NVR NVR4108HS-4KS2");
  await next(page);
  await page.getByTestId("slot-days").getByRole("button").nth(3).click();
  await page.getByTestId("slot-times").getByRole("button").first().click();
  await next(page);
  await stepIs(page, "Review and confirm");
  await shot(page, "admin-book-review-1280");
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("heading", { name: "Visit booked" })).toBeVisible();
  const reference = (await page.getByTestId("booking-reference").textContent())!.trim();

  const carla = await (await contextAs(browser, "customerA")).newPage();
  await carla.goto("/portal");
  await expect(carla.getByTestId(`visit-${reference}`)).toContainText("12 Lorain Ave");
});
