/** A customer's portal after booking: the cut-off for changes, what was done on a completed visit, another customer's visit is a 404, and editing saved devices and addresses. */
import { expect, test, type Page } from "@playwright/test";
import { contextAs, PHONE, toasts } from "./support/helpers";

const DESKTOP = { width: 1280, height: 900 };
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test("past the cut-off the portal says to call, with the phone number, and offers no cancel", async ({ browser }) => {
  const page = await (await contextAs(browser, "customerA", { viewport: DESKTOP })).newPage();
  await page.goto("/portal");
  await page.getByTestId("visit-FK-SEED01").getByRole("link").click();
  await expect(page.getByTestId("call-to-change")).toContainText(
    "Visits can be changed online until 24 hours before they start. Please call us at 216-333-8245.",
  );
  await expect(page.getByRole("button", { name: "Cancel visit" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reschedule" })).toHaveCount(0);
  await shot(page, "portal-visit-cutoff-1280");
});

test("a completed visit shows what was done per device and the checklist", async ({ browser }) => {
  const page = await (await contextAs(browser, "customerA", { viewport: PHONE })).newPage();
  await page.goto("/portal");
  await page.getByTestId("visit-FK-SEED02").getByRole("link").click();
  await expect(page.getByRole("heading", { name: "What was done" })).toBeVisible();
  const summary = page.getByTestId("visit-summary");
  const nvr = summary.getByRole("listitem").filter({ hasText: "NVR4108HS-4KS2" }).first();
  await expect(nvr).toContainText("Security questions: failed");
  await expect(nvr).toContainText("QR code + DMSS app: succeeded");
  await expect(summary.getByRole("listitem").filter({ hasText: "IPC-HDW1230T" }).first()).toContainText("Camera came back");
  await expect(summary.getByText("Recovery email updated to one the customer checks")).toBeVisible();
  await shot(page, "portal-visit-completed-390");
});

test("customer B gets 404 for customer A's visit and its calendar file", async ({ browser }) => {
  const a = await (await contextAs(browser, "customerA")).newPage();
  await a.goto("/portal");
  const href = (await a.getByTestId("visit-FK-SEED01").getByRole("link").getAttribute("href"))!;
  expect(href).toMatch(/^\/portal\/visits\/[0-9a-f-]{36}$/);
  const own = await a.request.get(`${href}/calendar`);
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain("UID:visit-");

  const b = await (await contextAs(browser, "customerB")).newPage();
  const res = await b.goto(href);
  expect(res!.status()).toBe(404);
  await expect(b.getByText("FK-SEED01")).toHaveCount(0);
  expect((await b.request.get(`${href}/calendar`)).status()).toBe(404);
});

test("a customer edits a saved device and address", async ({ browser }) => {
  const page = await (await contextAs(browser, "customerA", { viewport: PHONE })).newPage();
  await page.goto("/portal/devices");
  const card = page.getByTestId("device-card").filter({ hasText: "IPC-HDW1230T" });
  await card.getByText("Edit").click();
  await card.getByLabel("Model").fill("IPC-HDW1230T-AS");
  await card.getByLabel("Serial number").fill("bad serial!");
  await card.getByRole("button", { name: "Save device" }).click();
  await expect(card.getByText("Use letters, digits and dashes only.")).toBeVisible();
  await card.getByLabel("Serial number").fill("7J0ABC123");
  await card.getByRole("button", { name: "Save device" }).click();
  await expect(toasts(page)).toContainText("Device saved.");
  await shot(page, "portal-devices-390");
  await page.reload();
  await expect(page.getByTestId("device-card").filter({ hasText: "IPC-HDW1230T-AS" })).toBeVisible();

  await page.goto("/portal/sites");
  const site = page.getByTestId("site-card").first();
  await site.getByText("Edit").click();
  await site.getByLabel("Access notes").fill("Ask for Sam at the counter");
  await site.getByRole("button", { name: "Save address" }).click();
  await expect(toasts(page)).toContainText("Address saved:");
});
