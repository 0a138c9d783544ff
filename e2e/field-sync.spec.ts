/**
 * The job screen while the phone syncs: what arrives from the server must not
 * move or close what the technician is using (the playbook's order, an open
 * sheet). Reads the unauthorized visit of the field fixtures; writes nothing.
 */
import { expect, test } from "@playwright/test";
import { pageAs, PHONE } from "./support/helpers";
import { FIELD } from "./support/field-fixtures";

test("a sync that brings a new ranking does not move the playbook under the finger", async ({ browser }) => {
  // No service worker: the page's own fetches of the day and the job are the ones rewritten below.
  const page = await pageAs(browser, "tech", { viewport: PHONE, serviceWorkers: "block" });
  await page.goto(`/tech/visits/${FIELD.unauthorizedVisit}`);
  const cam = page.getByTestId("device-dahua");
  const tries = cam.getByRole("button", { name: /^Try / });
  const order = () => tries.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  await expect(tries.first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Sync now" })).toBeEnabled({ timeout: 30_000 });
  const first = await order();
  expect(first.length).toBeGreaterThan(2);
  // From now on every job the phone fetches ranks each device's methods the other way round (as other jobs' results might).
  type Job = { devices: { playbook: unknown[] }[] };
  const reversed = (job: Job) => job.devices.forEach((d) => d.playbook.reverse());
  await page.route(`**/api/field/jobs/${FIELD.unauthorizedVisit}`, async (route) => {
    const response = await route.fetch();
    const job = (await response.json()) as Job;
    reversed(job);
    await route.fulfill({ response, json: job });
  });
  await page.route("**/api/field/day", async (route) => {
    const response = await route.fetch();
    const day = (await response.json()) as { jobs: Job[] };
    day.jobs.forEach(reversed);
    await route.fulfill({ response, json: day });
  });
  await page.getByRole("button", { name: "Sync now" }).click();
  const notice = cam.getByRole("status").filter({ hasText: "New results changed the ranking since you opened this job." });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  expect(await order()).toEqual(first);
  await notice.getByRole("button", { name: "Show the new order" }).click();
  await expect.poll(order).toEqual([...first].reverse());
  await expect(notice).toHaveCount(0);
  await page.context().close();
});

test("the day's data arriving after the job does not close the sheet the technician opened", async ({ browser }) => {
  // A phone with nothing stored yet: the job comes first (its own fetch), the day (company time zone) after. The
  // day's fetch is held until the sheet is open and typed in; its arrival must not re-mount the page under it.
  const page = await pageAs(browser, "tech", { viewport: PHONE, serviceWorkers: "block" });
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/api/field/day", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/tech/visits/${FIELD.unauthorizedVisit}`);
  await page
    .getByTestId("device-dahua")
    .getByRole("button", { name: /^Try Reset button \(camera\)/ })
    .click({ timeout: 30_000 });
  const sheet = page.getByRole("dialog", { name: "Reset button (camera)" });
  await expect(sheet).toBeVisible();
  await sheet.getByLabel("Notes (optional)").fill("Typed before the day synced");
  release();
  await expect(page.getByRole("region", { name: "Sync" })).toContainText("· synced", { timeout: 30_000 });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByLabel("Notes (optional)")).toHaveValue("Typed before the day synced");
  await sheet.getByRole("button", { name: "Close without saving" }).click();
  await page.context().close();
});
