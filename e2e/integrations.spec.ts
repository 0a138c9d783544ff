import { createHmac } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { contextAs, PHONE, toasts, unique } from "./support/helpers";
import { storageStatePath } from "./support/state";

/** Integrations: API tokens, the API document and reference, calendar feeds, the booking widget. */
const DESKTOP = { width: 1280, height: 900 };

async function screens(page: Page, name: string, fullPage = true) {
  for (const [label, viewport] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `test-results/screens/${name}-${label}.png`, fullPage });
  }
}

test("an admin creates an API token, sees it once, uses it, and revokes it", async ({ browser, playwright, baseURL }) => {
  const admin = await (await contextAs(browser, "admin")).newPage();
  const name = `Accounting ${unique()}`;
  await admin.goto("/admin/api-tokens");
  await admin.getByRole("button", { name: "Create token" }).click();
  await expect(admin.getByText("Give the token a name")).toBeVisible();
  await expect(admin.getByText("Choose at least one scope.")).toBeVisible();
  await admin.getByLabel("Name").fill(name);
  await admin.getByLabel("Acts as").selectOption({ label: "Terry Tech (technician, terry@fieldkey.test)" });
  await admin.getByLabel(/^visits:read/).check();
  await admin.getByRole("button", { name: "Create token" }).click();
  const shown = admin.getByTestId("shown-once").getByRole("textbox");
  await expect(shown).toHaveValue(/^fk_[A-Za-z0-9_-]{43}$/);
  const token = await shown.inputValue();
  await screens(admin, "api-tokens");

  // Shown once: not on the page after a reload, only its prefix.
  await admin.setViewportSize(DESKTOP);
  await admin.reload();
  await expect(admin.getByTestId(`token-${name}`)).toContainText(token.slice(0, 10));
  expect(await admin.content()).not.toContain(token);

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  const visits = await api.get("/api/v1/visits");
  expect(visits.status()).toBe(200);
  expect((await visits.json()).data.map((v: { reference: string }) => v.reference)).toContain("FK-VAULT1");
  expect((await api.get("/api/v1/customers")).status()).toBe(403); // no customers:read scope

  admin.on("dialog", (d) => d.accept());
  await admin.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(admin.getByTestId(`token-${name}`)).toContainText("Revoked");
  const after = await api.get("/api/v1/visits");
  expect(after.status()).toBe(401);
  expect(after.headers()["content-type"]).toBe("application/problem+json");
  await api.dispose();
});

test("the OpenAPI document is served, lists the endpoints, and each documented operation exists and asks for a token", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  const paths = Object.keys(doc.paths);
  expect(paths).toEqual(
    expect.arrayContaining([
      "/api/v1/customers",
      "/api/v1/visits",
      "/api/v1/visits/{id}",
      "/api/v1/backups/{id}/download",
      "/api/v1/vendor-cases",
      "/api/v1/slots",
      "/api/v1/bookings",
    ]),
  );
  for (const [p, item] of Object.entries(doc.paths as Record<string, Record<string, { security: unknown[] }>>)) {
    for (const [method, op] of Object.entries(item)) {
      const r = await request.fetch(p.replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000"), { method });
      // Public operations need no token: without their inputs they answer 422 (a missing header or query field), or 400
      // when a JSON body is all they take and none was sent (POST /api/v1/quotes: "Send the body as JSON …").
      if (op.security.length) expect(r.status(), `${method} ${p}`).toBe(401);
      else expect([400, 422], `${method} ${p}`).toContain(r.status());
      expect(r.headers()["content-type"]).toBe("application/problem+json");
    }
  }
});

test("the API reference renders without scripts", async ({ page }) => {
  const res = await page.goto("/api/docs");
  expect(res!.headers()["content-security-policy"]).toContain("default-src 'none'");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("FieldKey API");
  await expect(page.getByRole("heading", { name: "GET /api/v1/visits", exact: true })).toBeVisible();
  await expect(page.locator("#problem-422")).toContainText("Validation failed");
  await expect(page.getByRole("heading", { name: "Visit", exact: true })).toBeVisible();
  await screens(page, "api-docs", false);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
});

test("a technician copies their calendar URL; it serves text/calendar until turned off", async ({ browser, request, baseURL }) => {
  const ctx = await contextAs(browser, "tech", { viewport: PHONE });
  await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const page = await ctx.newPage();
  await page.goto("/tech");
  await page.getByRole("link", { name: "Calendar" }).click();
  await expect(page).toHaveURL(/\/tech\/calendar$/);
  // Terry may already have a link (the page-scan fixtures give him one): making a new one asks first.
  page.on("dialog", (d) => d.accept());
  await page.getByRole("button", { name: /^Make (my|a new) calendar link$/ }).click();
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  await screens(page, "tech-calendar");

  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const ics = await feed.text();
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain("FK-VAULT1");
  expect(ics).toContain("FK-HOOKS1");
  expect(ics).toContain("2100 Superior Ave");

  await page.getByRole("button", { name: "Turn off the calendar link" }).click();
  await expect(page.getByTestId("form-message").getByText("The calendar link is turned off.")).toBeVisible();
  expect((await request.get(url)).status()).toBe(404);
  await ctx.close();
});

test("the booking widget shows only on the sites an admin allows, and sizes itself", async ({ browser, baseURL }) => {
  // "Our shop": another site (another origin), served from this machine.
  const shop = http.createServer((_req, res) =>
    res.writeHead(200, { "Content-Type": "text/html" }).end(`<!doctype html><h1>Our shop</h1><script src="${baseURL}/widget.js"></script>`),
  );
  await new Promise<void>((r) => shop.listen(0, "127.0.0.1", r));
  const otherSite = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  const embed = async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${otherSite}/`);
    return { ctx, page, frame: page.frameLocator("iframe[title='Book a visit']") };
  };

  const widget = await (await browser.newContext()).request.get(`${baseURL}/widget`);
  expect(widget.headers()["x-frame-options"]).toBeUndefined();
  expect(widget.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  const before = await embed();
  await expect(before.page.locator("iframe[title='Book a visit']")).toHaveCount(1); // the script ran; the browser refuses the frame
  await before.page.waitForTimeout(1500);
  await expect(before.frame.getByRole("button", { name: "Confirm booking" })).toHaveCount(0);
  await before.ctx.close();

  const admin = await (await contextAs(browser, "admin")).newPage();
  await admin.goto("/admin/widget");
  await expect(admin.getByTestId("widget-snippet")).toContainText("/widget.js");
  await admin.getByLabel("Sites allowed to show the widget").fill("not a site");
  await admin.getByRole("button", { name: "Save sites" }).click();
  await expect(admin.getByText("“not” is not a site address")).toBeVisible();
  await admin.getByLabel("Sites allowed to show the widget").fill(otherSite);
  await admin.getByRole("button", { name: "Save sites" }).click();
  await expect(toasts(admin)).toContainText("Saved. The widget may be shown on 1 site(s).");
  await screens(admin, "admin-widget");

  const after = await embed();
  await expect.poll(async () => after.page.locator("iframe").evaluate((f: HTMLIFrameElement) => f.style.height)).not.toBe("240px");
  // It books through the public API: free days and times from GET /api/v1/slots, field errors from the problem+json.
  const f = after.frame;
  await f.getByLabel("Brand").selectOption("dahua");
  await expect(f.getByLabel("Day").locator("option").first()).toHaveText(/free\)$/);
  await expect(f.getByLabel("Time").locator("option").first()).toHaveText(/\d:\d\d [AP]M/);
  await f.getByLabel("Email").fill("not an email");
  await f.getByRole("button", { name: "Confirm booking" }).click();
  await expect(f.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
  await expect(f.locator("#err-contact\\.email")).toBeVisible();
  await expect(f.getByText("Please correct the highlighted fields.")).toBeVisible();
  await after.page.screenshot({ path: "test-results/screens/widget-embedded-errors.png", fullPage: true });
  await f.getByLabel("Your name").fill("Wanda Widget");
  await f.getByLabel("Email").fill(`wanda-${Date.now()}@example.test`);
  await f.getByLabel("Phone").fill("216-555-0142");
  await f.getByLabel("Street address").fill("12 Lake Rd");
  await f.getByLabel("City").fill("Cleveland");
  await f.getByLabel("State").fill("OH");
  await f.getByLabel("ZIP code").fill("44102");
  await f.getByRole("button", { name: "Confirm booking" }).click();
  await expect(f.getByText(/^Booked: FK-/)).toBeVisible();
  await after.page.screenshot({ path: "test-results/screens/widget-embedded.png", fullPage: true });
  await after.ctx.close();
  shop.close();
});

test("webhooks page: an admin adds an endpoint, sees the secret once, and disables it", async ({ browser }) => {
  const admin = await (await contextAs(browser, "admin")).newPage();
  await admin.goto("/admin/webhooks");
  const url = `https://hooks.example.com/${unique()}`;
  await admin.getByLabel("Endpoint URL").fill(url);
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  await expect(admin.getByText("Choose at least one event.")).toBeVisible();
  await admin.getByLabel("Endpoint URL").fill("http://example.com/hook");
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  await expect(admin.getByText("Use an https:// URL")).toBeVisible();
  await admin.getByLabel("Endpoint URL").fill(url);
  await admin.getByLabel(/^backup\.uploaded/).check();
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  await expect(admin.getByTestId("shown-once").getByRole("textbox")).toHaveValue(/^whsec_/);
  await screens(admin, "admin-webhooks");
  admin.on("dialog", (d) => d.accept());
  await admin.setViewportSize(DESKTOP);
  await admin.getByRole("button", { name: `Disable ${url}` }).click();
  await expect(admin.getByTestId("webhook-endpoint").filter({ hasText: url })).toContainText("Disabled");
});

test("the running server delivers a signed backup.uploaded webhook to a receiver on this machine", async ({ browser, playwright, baseURL }) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const admin = await (await contextAs(browser, "admin")).newPage();
  await admin.goto("/admin/webhooks");
  await admin.getByLabel("Endpoint URL").fill(hookUrl);
  await admin.getByLabel(/^backup\.uploaded/).check();
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  const secret = await admin.getByTestId("shown-once").getByRole("textbox").inputValue();

  const { deviceId } = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, ".tmp", "fixtures-integrations.json"), "utf8")) as { deviceId: string };
  const tech = await playwright.request.newContext({ baseURL, storageState: storageStatePath("tech") });
  const upload = await tech.post(`/api/backups?deviceId=${deviceId}`, {
    data: Buffer.from("webhook e2e backup"),
    headers: { Origin: baseURL!, "Content-Type": "application/octet-stream", "X-Filename": "hook.bin" },
  });
  expect(upload.status()).toBe(201);
  const { id: backupId } = await upload.json();

  await expect.poll(() => received.filter((r) => r.headers["fieldkey-event"] === "backup.uploaded").length, { timeout: 30_000 }).toBe(1);
  const hit = received.find((r) => r.headers["fieldkey-event"] === "backup.uploaded")!;
  const ts = hit.headers["fieldkey-timestamp"] as string;
  const expected = createHmac("sha256", secret).update(`${ts}.${hit.body}`).digest("hex");
  expect(hit.headers["fieldkey-signature"]).toBe(`t=${ts},v1=${expected}`);
  expect(JSON.parse(hit.body)).toMatchObject({ type: "backup.uploaded", data: { backupId, deviceId } });

  await admin.reload();
  await expect(admin.getByRole("row").filter({ hasText: hookUrl }).first()).toContainText("Delivered");
  await tech.dispose();
  receiver.close();
});
