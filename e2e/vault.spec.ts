import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { contextAs, PHONE } from "./support/helpers";
import { storageStatePath } from "./support/state";

const fixtures = () =>
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, ".tmp", "fixtures-vault.json"), "utf8")) as { deviceId: string; visitId: string };
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

test.describe.serial("config backup vault", () => {
  const original = randomBytes(3 * 1024 * 1024);
  let backupId = "";

  test("a technician uploads a backup on a phone and watches the progress bar", async ({ browser }) => {
    const { deviceId, visitId } = fixtures();
    const ctx = await contextAs(browser, "tech", { viewport: PHONE });
    const page = await ctx.newPage();
    await page.goto(`/tech/devices/${deviceId}?visit=${visitId}`);
    await expect(page.getByRole("heading", { name: /Hikvision NVR DS-7608NI-K2/ })).toBeVisible();

    // Empty file: refused in place, nothing sent.
    await page.getByLabel("Exported file").setInputFiles({ name: "empty.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(0) });
    await page.getByRole("button", { name: "Upload backup" }).click();
    await expect(page.getByText("The file is empty.")).toBeVisible();
    // The form's own rules (its schema loads on first use): a password in the note is refused in place.
    await page.getByLabel("Note (optional)").fill("password: 1234");
    await page.getByRole("button", { name: "Upload backup" }).click();
    await expect(page.getByText("Record a hint, never the password itself.")).toBeVisible();
    await page.getByLabel("Note (optional)").fill("");
    // A refusal only the server makes (here a kind changed on the way) comes back as problem+json and lands on its field.
    await page.route("**/api/backups?*", (route) => route.continue({ url: route.request().url().replace("kind=config", "kind=bogus") }));
    await page.getByLabel("Exported file").setInputFiles({ name: "tiny.bin", mimeType: "application/octet-stream", buffer: Buffer.from("tiny") });
    const refused = page.waitForResponse((r) => r.url().includes("/api/backups?"));
    await page.getByRole("button", { name: "Upload backup" }).click();
    const problem = await refused;
    expect(problem.status()).toBe(422);
    expect(problem.headers()["content-type"]).toBe("application/problem+json");
    expect(await problem.json()).toMatchObject({ status: 422, errors: [{ in: "query", field: "kind", detail: "Choose what kind of file this is." }] });
    await expect(page.getByLabel("What is it?")).toHaveAccessibleDescription(/Choose what kind of file this is\./);
    await page.unroute("**/api/backups?*");

    // Slow the connection so the upload takes a few seconds, as in a basement.
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    await page.getByLabel("Exported file").setInputFiles({ name: "configFileExport.bin", mimeType: "application/octet-stream", buffer: original });
    await page.getByLabel("What is it?").selectOption("config");
    await page.getByLabel("Note (optional)").fill("Export key hint: shop phone number");
    await page.getByRole("button", { name: "Upload backup" }).click();
    const bar = page.getByRole("progressbar");
    await expect(bar).toBeVisible();
    await expect.poll(async () => Number(await bar.getAttribute("value")), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/screens/vault-upload-phone.png", fullPage: true });
    await expect(page.getByText(/Saved as version 1 \(configFileExport\.bin, 3\.0 MB\)/)).toBeVisible({ timeout: 30_000 });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    const link = page.getByRole("link", { name: "Download v1" });
    backupId = /\/api\/backups\/([0-9a-f-]+)\/download/.exec((await link.getAttribute("href"))!)![1]!;
    await expect(page.getByTestId("backup-v1")).toContainText(sha(original));
    await page.screenshot({ path: "test-results/screens/vault-device-phone.png", fullPage: true });
    await ctx.close();
  });

  test("the customer downloads it from the portal, byte for byte", async ({ browser }) => {
    const ctx = await contextAs(browser, "customerA");
    const page = await ctx.newPage();
    await page.goto("/portal/backups");
    const downloadPromise = page.waitForEvent("download");
    // Carla may have other devices with a version 1 (e.g. vendor-case files from the field journey): pick this backup's link.
    await page
      .getByRole("link", { name: "Download version 1" })
      .and(page.locator(`a[href="/api/backups/${backupId}/download"]`))
      .click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe("configFileExport.bin");
    const bytes = fs.readFileSync((await download.path())!);
    expect(sha(bytes)).toBe(sha(original));
    await page.screenshot({ path: "test-results/screens/vault-portal-desktop.png", fullPage: true });
    await ctx.close();
  });

  test("everyone else gets 404, and downloads are audited", async ({ playwright, baseURL }) => {
    for (const who of ["customerB", "otherTech", null] as const) {
      const req = await playwright.request.newContext({ baseURL, storageState: who ? storageStatePath(who) : undefined });
      const res = await req.get(`/api/backups/${backupId}/download`);
      expect(res.status(), `${who ?? "signed out"}`).toBe(404);
      expect(res.headers()["content-type"]).toBe("application/problem+json");
      expect(await res.text()).not.toContain("configFileExport");
      await req.dispose();
    }
    const tech = await playwright.request.newContext({ baseURL, storageState: storageStatePath("tech") });
    const res = await tech.get(`/api/backups/${backupId}/download`);
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    expect(res.headers()["content-disposition"]).toContain('attachment; filename="configFileExport.bin"');
    expect(sha(await res.body())).toBe(sha(original));
    // Cross-site upload attempts are refused before anything is read.
    const forged = await tech.post(`/api/backups?deviceId=${fixtures().deviceId}`, {
      data: Buffer.from("x"),
      headers: { Origin: "https://evil.example", "Content-Type": "application/octet-stream" },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.json()).toMatchObject({ status: 403, title: "Forbidden", detail: "Uploads must come from FieldKey's own pages." });
    await tech.dispose();
  });

  test("the admin sees who downloaded it, from where", async ({ browser }) => {
    const ctx = await contextAs(browser, "admin");
    const page = await ctx.newPage();
    await page.goto(`/admin/devices/${fixtures().deviceId}`);
    await page.getByRole("link", { name: "Audit trail v1" }).click();
    const rows = page.getByTestId("audit-row");
    await expect(rows.filter({ hasText: "Downloaded" })).toHaveCount(2); // the customer and the technician
    await expect(rows.filter({ hasText: "Uploaded" })).toContainText("Terry Tech");
    await expect(rows.filter({ hasText: "Downloaded" }).first()).toContainText(/\d+\.\d+\.\d+\.\d+|::1|::ffff/);
    await ctx.close();
  });
});
