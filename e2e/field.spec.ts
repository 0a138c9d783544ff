import { expect, test, type Locator, type Page } from "@playwright/test";
import { contextAs, pageAs, PHONE } from "./support/helpers";
import { FIELD } from "./support/field-fixtures";
import { takePhoto } from "./support/photos";

/**
 * The technician's day on a phone: one visit from "on my way" to completed,
 * with authorization, a failed then a successful method, a vendor case
 * opened and closed, the checklist and completion. Plus the refusals.
 */
const DESKTOP = { width: 1280, height: 900 };
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage });
const shotOf = (el: Locator, name: string) => el.screenshot({ path: `test-results/screens/${name}.png` });

async function drawSignature(page: Page, canvas: Locator) {
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height * 0.7);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 22, box.y + box.height * (i % 2 ? 0.3 : 0.7), { steps: 3 });
  await page.mouse.up();
}

/** Three taps after opening the job: method, outcome, save. */
async function logAttempt(page: Page, device: Locator, method: string, outcome: string, save: string | RegExp) {
  await device.getByRole("button", { name: new RegExp(`^Try ${method.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).click();
  const sheet = page.getByRole("dialog", { name: method });
  await expect(sheet).toBeVisible();
  await sheet.getByLabel(outcome, { exact: true }).check();
  await sheet.getByRole("button", { name: save }).click();
  return sheet;
}

test.describe.configure({ mode: "serial" });

test("a technician works a visit from 'on my way' to completed on a phone", async ({ browser }) => {
  // The whole visit, then the portal and the outbox: over a minute on a loaded machine (every step waits for its sync).
  test.setTimeout(120_000);
  const page = await pageAs(browser, "tech", { viewport: PHONE });
  await page.goto("/tech");
  const card = page.getByTestId(`visit-${FIELD.journeyRef}`);
  // A new phone: the day shows once its first sync is in (seconds on a loaded machine).
  await expect(card).toContainText("Carla Customer", { timeout: 30_000 });
  await expect(card.getByRole("link", { name: /1200 Euclid Ave/ })).toHaveAttribute("href", /^https:\/\/maps\.google\.com\/\?q=1200%20Euclid%20Ave/);
  await expect(card.getByRole("link", { name: "Call 216-555-0100" })).toHaveAttribute("href", "tel:2165550100");
  await expect(card).toContainText("Dahua NVR NVR4108HS · Hikvision NVR DS-7608NI · Lorex DVR D241");
  await expect(page.getByTestId(`visit-${FIELD.samRef}`)).toHaveCount(0);
  await shot(page, "tech-day-390");

  // Tomorrow's visit is a tap away; "On my way" waits for its day.
  await page.getByRole("link", { name: "Tomorrow" }).click();
  await expect(page.getByTestId(`visit-${FIELD.tomorrowRef}`)).toBeVisible();
  await expect(page.getByTestId(`visit-${FIELD.tomorrowRef}`).getByRole("button", { name: "On my way" })).toHaveCount(0);
  await expect(page.getByTestId(`visit-${FIELD.tomorrowRef}`)).toContainText("“On my way” opens on the day of the visit.");
  await expect(page.getByTestId(`visit-${FIELD.journeyRef}`)).toHaveCount(0);
  await page.getByRole("link", { name: "Today" }).click();

  // One tap each: on my way (emails the customer once the undo time is over), then arrived. A mis-tap is undone.
  await card.getByRole("button", { name: "On my way" }).click();
  await expect(card).toContainText("On the way");
  await card.getByRole("button", { name: /^Undo “On the way”/ }).click();
  await expect(card.getByRole("button", { name: "On my way" })).toBeVisible();
  await card.getByRole("button", { name: "On my way" }).click();
  await expect(card).toContainText("On the way");
  await card.getByRole("link", { name: `Open job ${FIELD.journeyRef}` }).click();
  await expect(page.getByRole("heading", { name: "Carla Customer" })).toBeVisible();
  await expect(page.getByText("Recorder is in the basement office")).toBeVisible();
  await shot(page, "tech-job-top-390", false);
  await page.getByRole("button", { name: "Arrived on site" }).click();
  await expect(page.getByTestId("visit-status")).toHaveText("On site");

  // Authorization with a drawn signature.
  const auth = page.getByRole("form", { name: "Authorization" });
  await auth.getByRole("button", { name: "Record authorization" }).click();
  await expect(auth.getByText("Ask them to sign in the box.")).toBeVisible();
  await auth.getByLabel("Name of the person authorizing").fill("Carla Customer");
  await auth.getByLabel("Their relationship to the equipment").selectOption("owner");
  await drawSignature(page, auth.getByTestId("signature-pad"));
  await shotOf(auth, "tech-job-authorization-390");
  await auth.getByRole("button", { name: "Record authorization" }).click();
  await expect(page.getByTestId("authorization-recorded")).toContainText("Authorized by Carla Customer (owner)");
  await expect(page.getByRole("img", { name: "Signature of Carla Customer" })).toBeVisible();

  // Dahua: a failed method, then a successful one (the reset button warns that it wipes the config).
  const dahua = page.getByTestId("device-dahua");
  await expect(dahua.getByTestId("method-dahua_security_questions")).toContainText("Needs security questions, which this device does not have.");
  let sheet = await logAttempt(page, dahua, "QR code + DMSS app", "Failed", "Save with 5 min");
  await expect(sheet).toBeHidden();
  await expect(dahua.getByTestId("attempt-1")).toContainText("1. QR code + DMSS app — Failed · 5 min");
  await dahua.getByRole("button", { name: /^Try Reset button on the board/ }).click();
  sheet = page.getByRole("dialog", { name: "Reset button on the board (recorder)" });
  await expect(sheet).toContainText("Wipes the configuration: export or locate a config backup first.");
  await expect(sheet.getByTestId("attempt-timer")).toHaveText(/0:0[1-9]/);
  await sheet.getByLabel("Succeeded", { exact: true }).check();
  await shot(page, "tech-attempt-sheet-390", false);
  await sheet.getByRole("button", { name: /^Save · timer/ }).click();
  await expect(sheet).toBeHidden();
  await expect(dahua.getByTestId("attempt-2")).toContainText("2. Reset button on the board (recorder) — Succeeded");
  await expect(dahua.getByTestId("device-state")).toHaveText("Recovered");

  // Hikvision: the vendor route opens a case and the visit waits on the vendor. The case is refused until what
  // Hikvision asks for is here: a photo of the label and the exported request file, stored first.
  const hik = page.getByTestId("device-hikvision");
  const sadpEvidence = hik.getByRole("region", { name: "Evidence for SADP export to Hikvision support" });
  await hik.getByText("What the vendors ask for").click();
  await expect(sadpEvidence).toContainText("2 missing");
  await hik.getByRole("button", { name: /^Try SADP export to Hikvision support/ }).click();
  sheet = page.getByRole("dialog", { name: "SADP export to Hikvision support" });
  await sheet.getByLabel("Waiting on vendor", { exact: true }).check();
  await sheet.getByLabel("What was sent").fill("SADP reset request file (XML) emailed to Hikvision support");
  await sheet.getByRole("button", { name: "Save with 15 min" }).click();
  await expect(sheet).toContainText("Not sent: SADP export to Hikvision support needs 2 more things first");
  await sheet.getByRole("button", { name: "Close without saving" }).click();
  await expect(sheet).toBeHidden();
  await takePhoto(page, "hikvision", "Label / sticker", "Take a photo", "IMG_0100.jpg", [90, 90, 90]);
  const request = hik.getByTestId("request-file");
  await request.getByText("Store the exported request file").click();
  await request
    .getByLabel("Exported file")
    .setInputFiles({ name: "sadp-reset-request.xml", mimeType: "application/xml", buffer: Buffer.from("<request serial='DS76080012345'/>") });
  await request.getByRole("button", { name: "Save file to upload" }).click();
  await expect(sadpEvidence).toContainText("ready to send");
  await hik.getByRole("button", { name: /^Try SADP export to Hikvision support/ }).click();
  sheet = page.getByRole("dialog", { name: "SADP export to Hikvision support" });
  await sheet.getByLabel("Waiting on vendor", { exact: true }).check();
  await expect(sheet).toContainText("Do not reboot");
  await sheet.getByLabel("What was sent").fill("SADP reset request file (XML) emailed to Hikvision support");
  await sheet.getByRole("button", { name: "Save with 15 min" }).click();
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId("visit-status")).toHaveText("Waiting on vendor");
  const vendorCase = hik.getByRole("region", { name: "Vendor case with Hikvision" });
  // The method's own warning (catalogue data): a reboot or a second export voids the SADP request.
  await expect(vendorCase.getByTestId("do-not-reboot")).toContainText("Do not reboot the recorder and do not export a second request");
  await expect(vendorCase).toContainText("SADP reset request file (XML) emailed to Hikvision support");
  await expect(hik.getByRole("button", { name: /^Try / })).toHaveCount(0);
  // The exported request stored in the encrypted vault went with the case (linked once the server has both).
  await expect(vendorCase.getByTestId("vendor-request-file")).toHaveText("sadp-reset-request.xml", { timeout: 30_000 });
  // Saved on the phone, sent at once (online): nothing waits once it has synced.
  await expect(page.getByTestId("pending-count")).toHaveText("All changes synced");
  await shotOf(hik, "tech-job-waiting-vendor-390");
  await shotOf(dahua, "tech-device-recovered-390");

  // The admin sees the open case with its age.
  const admin = await pageAs(browser, "admin", { viewport: DESKTOP });
  await admin.goto("/admin/vendor-cases");
  const row = admin.getByTestId("vendor-case-row").filter({ hasText: FIELD.journeyRef });
  await expect(row).toContainText("Hikvision NVR DS-7608NI");
  await expect(row).toContainText("Carla Customer");
  await expect(row).not.toContainText("Overdue");
  await shot(admin, "admin-vendor-cases-1280");
  await admin.getByRole("link", { name: FIELD.journeyRef }).click();
  await expect(admin.getByRole("heading", { name: "Carla Customer" })).toBeVisible();
  await shot(admin, "admin-job-1280");

  // The result arrives: attach it, close the case with what came of it (the waiting attempt becomes its outcome: no second attempt).
  await vendorCase.getByText("Attach the vendor's result file").click();
  const resultUpload = vendorCase.getByRole("group", { name: "Vendor's result file" });
  await resultUpload
    .getByLabel("Exported file")
    .setInputFiles({ name: "sadp-key.bin", mimeType: "application/octet-stream", buffer: Buffer.from([1, 2, 3, 4, 5]) });
  await resultUpload.getByRole("button", { name: "Save file to upload" }).click();
  await expect(vendorCase.getByTestId("vendor-result-file")).toHaveText("sadp-key.bin");
  await vendorCase.getByRole("button", { name: "Close vendor case" }).click();
  await expect(vendorCase.getByText("Say what came of the vendor's answer.")).toBeVisible();
  await vendorCase.getByLabel("Unlocked with the answer").check();
  await vendorCase.getByLabel("What came back").fill("Key file returned by Hikvision, imported in SADP");
  await vendorCase.getByRole("button", { name: "Close vendor case" }).click();
  await expect(page.getByTestId("visit-status")).toHaveText("On site");
  await expect(hik.getByTestId("device-state")).toHaveText("Recovered");
  await expect(page.getByTestId("pending-count")).toHaveText("All changes synced");
  await expect(hik.getByTestId("attempt-1")).toContainText("Succeeded");
  await expect(hik.getByTestId("attempt-2")).toHaveCount(0);

  // Admin list is empty of this case now.
  await admin.goto("/admin/vendor-cases");
  await expect(admin.getByTestId("vendor-case-row").filter({ hasText: FIELD.journeyRef })).toHaveCount(0);
  await admin.context().close();

  // Completion: the Lorex was not attempted (reason), the checklist answered.
  const finish = page.getByRole("form", { name: "Complete the visit" });
  await finish.getByRole("button", { name: "Complete visit" }).click();
  await expect(finish.getByText("Answer yes, no or not applicable.").first()).toBeVisible();
  await finish.getByRole("group", { name: "Pattern lock set" }).getByLabel("Yes").check();
  await finish.getByRole("group", { name: "Config exported and a copy kept" }).getByLabel("Yes").check();
  await finish.getByRole("group", { name: "Recovery email updated to one the customer checks" }).getByLabel("Not applicable").check();
  await finish.getByRole("button", { name: "Complete visit" }).click();
  await expect(finish.getByTestId("form-message")).toContainText("Lorex DVR D241: log a successful attempt, or give a reason");
  await expect(finish.getByLabel("Lorex DVR D241: why was it not attempted?")).toHaveAttribute("aria-invalid", "true");
  await finish.getByLabel("Lorex DVR D241: why was it not attempted?").fill("Customer will bring the DVR to the shop next week.");
  await finish.getByRole("button", { name: "Complete visit" }).click();
  await expect(page.getByTestId("visit-status")).toHaveText("Completed");
  await expect(page.getByTestId("pending-count")).toHaveText("All changes synced");

  // Read-only now; the summary the customer was sent is shown.
  await expect(page.getByRole("button", { name: /^Try / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Correct attempt/ })).toHaveCount(0);
  const summary = page.getByTestId("visit-summary");
  await expect(summary).toContainText("Recovered with: Reset button on the board (recorder).");
  await expect(summary).toContainText("Recovered with: SADP export to Hikvision support.");
  await expect(summary).toContainText("Not attempted: Customer will bring the DVR to the shop next week.");
  await expect(summary).toContainText("Recovery email updated to one the customer checks");
  await shotOf(page.getByRole("region", { name: "3. Finish the visit" }), "tech-job-completed-390");
  await shot(page, "tech-job-completed-full-390");
  await page.context().close();

  // The customer sees the same summary in the portal ...
  const customer = await (await contextAs(browser, "customerA", { viewport: PHONE })).newPage();
  await customer.goto(`/portal/visits/${FIELD.journeyVisit}`);
  const portalSummary = customer.getByTestId("visit-summary");
  await expect(portalSummary).toContainText("Recovered with: Reset button on the board (recorder).");
  await expect(portalSummary).toContainText("Not attempted: Customer will bring the DVR to the shop next week.");
  await customer.context().close();

  // ... and was emailed it, as the en-route notice before it (both through the outbox).
  const office = await (await contextAs(browser, "admin")).newPage();
  await office.goto("/admin/outbox");
  const rows = office.getByTestId("outbox-row").filter({ hasText: "carla@example.test" });
  await expect(rows.filter({ hasText: "visit.completed" }).filter({ hasText: FIELD.journeyRef })).toHaveCount(1);
  await expect(rows.filter({ hasText: "visit.en_route" }).first()).toBeVisible();
  await rows.filter({ hasText: "visit.completed" }).filter({ hasText: FIELD.journeyRef }).getByRole("link").click();
  await expect(office.getByText("Customer will bring the DVR to the shop next week.")).toBeVisible();
  await office.context().close();
});

test("the server refuses an attempt before the authorization", async ({ browser }) => {
  const page = await pageAs(browser, "tech", { viewport: PHONE });
  await page.goto(`/tech/visits/${FIELD.unauthorizedVisit}`);
  const cam = page.getByTestId("device-dahua");
  // The job settles once the phone's first sync is in. (Until the fix tested below, the day's first sync re-mounted
  // the page, closing a sheet opened just before; the retry stays as a guard for slow machines.)
  await expect(page.getByTestId("pending-count")).toHaveText("All changes synced", { timeout: 30_000 });
  const sheet = page.getByRole("dialog", { name: "Reset button (camera)" });
  await expect(async () => {
    if (await page.getByRole("dialog").isVisible()) await page.getByRole("dialog").getByRole("button", { name: "Close without saving" }).click();
    await cam.getByRole("button", { name: /^Try Reset button \(camera\)/ }).click({ timeout: 5000 });
    await expect(sheet).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await expect(sheet).toContainText("No authorization is recorded yet");
  await sheet.getByLabel("Failed", { exact: true }).check();
  await sheet.getByRole("button", { name: "Save with 5 min" }).click();
  await expect(sheet.getByTestId("form-message")).toContainText("Record the customer's authorization before logging any attempt.");
  await sheet.getByRole("button", { name: "Close without saving" }).click();
  await expect(cam.getByText("No attempts yet.")).toBeVisible();
  await page.setViewportSize(DESKTOP);
  await shot(page, "tech-job-1280");
  await page.context().close();
});

test("another technician gets a 404 on the job; a customer cannot open the attempt editor", async ({ browser }) => {
  const other = await pageAs(browser, "otherTech", { viewport: PHONE });
  const res = await other.goto(`/tech/visits/${FIELD.journeyVisit}`);
  expect(res!.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  await expect(other.getByText("Carla Customer")).toHaveCount(0);
  await other.context().close();

  const terry = await pageAs(browser, "tech", { viewport: PHONE });
  expect((await terry.goto(`/tech/visits/${FIELD.samVisit}`))!.status()).toBe(404);
  await terry.context().close();

  const carla = await pageAs(browser, "customerA", { viewport: PHONE });
  expect((await carla.goto(`/tech/visits/${FIELD.journeyVisit}`))!.status()).toBe(403);
  expect((await carla.goto(`/admin/visits/${FIELD.journeyVisit}`))!.status()).toBe(403);
  await carla.context().close();
});
