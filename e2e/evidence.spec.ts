import bwipjs from "bwip-js/node";
import { expect, test } from "@playwright/test";
import { contextAs, PHONE } from "./support/helpers";
import { EVIDENCE } from "./support/evidence-fixtures";
import { takePhoto } from "./support/photos";

/**
 * Evidence on the job (issue #17), at 390 px: Terry photographs the Lorex's
 * label and device-info screen, scans its Device ID from a photo of a
 * generated barcode, sends the Lorex support case only once the evidence is
 * there (the email goes to the outbox with the photos), records the answer
 * and sees its clock; a photo taken offline waits on the phone and syncs.
 * Carla sees the photos in her portal; another customer and another
 * technician get 404 (e2e/seeders/85-evidence.ts).
 */
test.describe.configure({ mode: "serial" });

let photoId = "";

test("a technician photographs, scans and sends a Lorex case with its evidence, then watches the answer's clock", async ({ browser }) => {
  const ctx = await contextAs(browser, "tech", { viewport: PHONE });
  const page = await ctx.newPage();
  await page.goto(`/tech/visits/${EVIDENCE.visit}`);
  const lorex = page.getByTestId("device-lorex");
  await expect(lorex.getByRole("heading", { level: 3, name: /Lorex DVR/ })).toBeVisible();

  // Refused at once while the evidence is missing (the server would refuse it the same way).
  const method = "Temporary password from Lorex support";
  const trySupport = async () => {
    const open = lorex.getByRole("button", { name: new RegExp(`^Try ${method} on Lorex DVR`) });
    if (!(await open.isVisible())) await lorex.locator("summary", { hasText: "Playbook" }).click();
    await open.click();
    const sheet = page.getByRole("dialog", { name: method });
    await sheet.getByLabel("Waiting on vendor", { exact: true }).check();
    await sheet.getByRole("button", { name: "Save with 5 min" }).click();
    return sheet;
  };
  const sheet = await trySupport();
  await expect(sheet.getByText(/Not sent: Temporary password from Lorex support needs 3 more things first/)).toBeVisible();
  await sheet.getByRole("button", { name: "Close without saving" }).click();

  // Two photos: taken with the camera, and picked from the gallery.
  await takePhoto(page, "lorex", "Label / sticker", "Take a photo", "IMG_0001.jpg", [200, 120, 40]);
  await expect(lorex.getByText(/Label \/ sticker photo saved on this phone/)).toBeVisible();
  await takePhoto(page, "lorex", "Device-info screen", "Choose a photo", "IMG_0002.jpg", [30, 60, 160]);
  await expect(lorex.getByTestId("job-photo").locator("img")).toHaveCount(2, { timeout: 30_000 });
  const full = await lorex.getByTestId("job-photo").first().getByRole("link").getAttribute("href");
  photoId = /\/api\/photos\/([0-9a-f-]+)$/.exec(full!)![1]!;

  // The Device ID from a photo of its barcode: shown first, used once confirmed.
  const barcode = await bwipjs.toBuffer({ bcid: "code128", text: EVIDENCE.lorexDeviceId, scale: 3, height: 12, includetext: true });
  await lorex.locator("summary", { hasText: "Device facts" }).click();
  await lorex.getByRole("button", { name: "Scan the Lorex Device ID" }).click();
  const scan = page.getByRole("dialog", { name: "Scan the Lorex Device ID" });
  await scan.getByLabel("Scan from a photo").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: barcode });
  await expect(scan.getByTestId("scan-result")).toHaveText(EVIDENCE.lorexDeviceId);
  await page.screenshot({ path: "test-results/screens/evidence-scan-390.png" });
  await scan.getByRole("button", { name: "Use this Lorex Device ID" }).click();
  await expect(lorex.getByRole("textbox", { name: "Lorex Device ID", exact: true })).toHaveValue(EVIDENCE.lorexDeviceId);
  await lorex.getByRole("button", { name: "Save device facts" }).click();
  await expect(page.getByText("Device facts saved on this phone.").first()).toBeVisible();

  // Now the case goes: the email to Lorex's desk is in the outbox with the photos attached.
  await (await trySupport()).waitFor({ state: "hidden" });
  const vendorCase = lorex.getByTestId("vendor-case");
  await expect(vendorCase.getByTestId("do-not-reboot")).toContainText(/reboot/i);
  await expect(vendorCase.getByTestId("due-clock")).toContainText(/until the answer is due/);
  await vendorCase.screenshot({ path: "test-results/screens/evidence-case-due-390.png" });
  await expect(page.getByTestId("pending-count")).toHaveText("All changes synced", { timeout: 30_000 });

  // The answer is in: its own clock (until midnight in the company's zone) replaces the due time.
  await vendorCase.getByLabel("The vendor's answer is in: what came?").fill("Temporary password given by phone");
  await vendorCase.getByRole("button", { name: "Record the answer" }).click();
  await expect(vendorCase.getByTestId("expiry-clock")).toContainText(/left to use it/);
  await vendorCase.screenshot({ path: "test-results/screens/evidence-case-countdown-390.png" });
  await expect(page.getByTestId("pending-count")).toHaveText("All changes synced", { timeout: 30_000 });
  await page.screenshot({ path: "test-results/screens/evidence-job-390.png", fullPage: true });

  // Offline: a photo waits on the phone, then uploads once when the signal is back.
  const dahua = page.getByTestId("device-dahua");
  await ctx.setOffline(true);
  await takePhoto(page, "dahua", "On-screen date or code", "Take a photo", "IMG_0003.jpg", [20, 140, 60]);
  await expect(dahua.getByTestId("queued-upload")).toBeVisible();
  await ctx.setOffline(false);
  await expect(dahua.getByTestId("job-photo").locator("img")).toHaveCount(1, { timeout: 30_000 });
  await expect(dahua.getByTestId("queued-upload")).toHaveCount(0);

  const admin = await (await contextAs(browser, "admin")).newPage();
  await admin.goto("/admin/outbox");
  const mail = admin.getByTestId("outbox-row").filter({ hasText: EVIDENCE.lorexDesk });
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText(`Device ID ${EVIDENCE.lorexDeviceId}`);
  const attached = Number(/\((\d+) attachments?\)/.exec((await mail.textContent()) ?? "")?.[1] ?? 0);
  expect(attached).toBeGreaterThanOrEqual(2);
  await admin.context().close();
  await ctx.close();
});

test("the customer sees the photos in the portal; another customer and another technician get 404", async ({ browser }) => {
  expect(photoId).not.toBe("");
  const carla = await (await contextAs(browser, "customerA")).newPage();
  await carla.goto("/portal/devices");
  await expect(carla.locator(`a[href="/api/photos/${photoId}"] img`)).toBeVisible();
  expect((await carla.request.get(`/api/photos/${photoId}/thumb`)).status()).toBe(200);
  await carla.context().close();
  for (const role of ["customerB", "otherTech"] as const) {
    const other = await contextAs(browser, role);
    expect((await other.request.get(`/api/photos/${photoId}`)).status(), role).toBe(404);
    expect((await other.request.get(`/api/photos/${photoId}/thumb`)).status(), role).toBe(404);
    await other.close();
  }
});
