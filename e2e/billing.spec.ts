import { expect, test, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { contextAs, PHONE } from "./support/helpers";
import { BILL } from "./support/billing-fixtures";

/**
 * Getting paid, end to end: the estimate while booking, a quote accepted in
 * the portal, the technician completing a visit and taking a card payment on
 * a phone, the office issuing the invoice, the customer downloading its PDF,
 * and receivables showing it paid. Fixtures: e2e/seeders/80-billing.ts.
 */
const DESKTOP = { width: 1280, height: 900 };
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage });
const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true }).click();

test.describe.configure({ mode: "serial" });

test("a customer sees the estimate for their devices and time before confirming", async ({ browser }) => {
  const page = await (await contextAs(browser, "customerA", { viewport: PHONE })).newPage();
  await page.goto("/book");
  await next(page); // saved address
  await page.locator("#devices-0-brand").selectOption("dahua");
  await page.locator("#devices-0-kind").selectOption("nvr");
  await next(page);
  const days = page.getByTestId("slot-days").getByRole("button");
  await expect(days.first()).toBeVisible();
  await days.last().click();
  await page.getByTestId("slot-times").getByRole("button").first().click();
  await next(page);
  const estimate = page.getByTestId("booking-estimate");
  await expect(estimate).toContainText(/Estimate: Call-out \$89\.00 \+ 1 × \$49\.00( \+ [A-Za-z-]+ surcharge \$\d+\.00)* = \$\d+\.00 before tax/);
  await shot(page, "billing-booking-estimate-390");
});

test("the customer accepts a quote in the portal with a typed name; a second acceptance is refused", async ({ browser }) => {
  const page = await (await contextAs(browser, "customerA", { viewport: PHONE })).newPage();
  await page.goto("/portal/billing");
  await page.getByTestId(`estimate-${BILL.estimateVisitRef}`).getByRole("link").click();
  await expect(page.getByTestId("document-total")).toHaveText("$149.04");
  const form = page.getByRole("form", { name: "Accept the estimate" });
  await form.getByRole("button", { name: "Accept estimate" }).click();
  await expect(form.getByText("Type your full name to accept.")).toBeVisible();
  await form.getByLabel("Your full name").fill("Carla Customer");
  await shot(page, "billing-accept-estimate-390");
  await form.getByRole("button", { name: "Accept estimate" }).click();
  await expect(page.getByTestId("estimate-accepted")).toContainText("Accepted by Carla Customer");
  await expect(page.getByTestId("estimate-status")).toHaveText("Accepted");
  await expect(page.getByRole("form", { name: "Accept the estimate" })).toHaveCount(0);
});

let invoiceNumber = "";

test("the technician completes the visit and records a card payment on a phone; the office issues the invoice", async ({ browser }) => {
  const tech = await (await contextAs(browser, "tech", { viewport: PHONE })).newPage();
  await tech.goto(`/tech/visits/${BILL.jobVisit}`);
  const finish = tech.locator("#finish-section");
  for (const [question, answer] of [
    [/pattern/i, "Yes"],
    [/config/i, "Yes"],
    [/recovery email/i, "Not applicable"],
  ] as const) {
    await finish.getByRole("group", { name: question }).getByLabel(answer).check();
  }
  await finish.getByRole("button", { name: /Complete visit/ }).click();
  await expect(tech.getByTestId("visit-status")).toHaveText("Completed");
  const pay = tech.getByTestId("take-payment");
  await expect(pay.getByTestId("amount-due")).toHaveText(/due \$\d+\.\d\d/);
  const due = (await pay.getByTestId("amount-due").textContent())!.replace("due ", "");
  await pay.getByRole("radio", { name: "Card" }).check();
  await pay.getByLabel("Reference (card slip, check number)").fill("Slip 7781");
  await shot(tech, "billing-take-payment-390");
  // No signal in the plant room: the payment is a field write, saved on the phone and sent when the network returns.
  await tech.context().setOffline(true);
  await pay.getByRole("button", { name: "Record payment" }).click();
  await expect(pay).toContainText("Paid in full.");
  await expect(pay.getByTestId("pending-mark")).toBeVisible();
  await expect(tech.getByTestId("pending-count")).toHaveText("1 waiting to sync");
  expect(await tech.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await tech.context().setOffline(false);
  await expect(tech.getByTestId("pending-count")).toHaveText("All changes synced", { timeout: 30_000 });
  await expect(pay.getByTestId("pending-mark")).toHaveCount(0);

  const admin = await (await contextAs(browser, "admin", { viewport: DESKTOP })).newPage();
  await admin.goto(`/admin/visits/${BILL.jobVisit}`);
  await admin.getByRole("region", { name: "Billing" }).getByRole("link", { name: "draft" }).click();
  await expect(admin.getByRole("heading", { name: `Draft invoice for ${BILL.jobVisitRef}` })).toBeVisible();
  await expect(admin.getByTestId("payments")).toContainText(`Card (on site) · ${due} · Slip 7781`);
  admin.once("dialog", (d) => void d.accept());
  await admin.getByRole("button", { name: "Issue invoice" }).click();
  await expect(admin.getByText(/Issued as \d{4}-\d{4}\./)).toBeVisible();
  invoiceNumber = (await admin.getByText(/Issued as \d{4}-\d{4}\./).textContent())!.match(/\d{4}-\d{4}/)![0];
  await admin.reload();
  await expect(admin.getByRole("heading", { name: `Invoice ${invoiceNumber}` })).toBeVisible();
  await expect(admin.getByTestId("invoice-status")).toHaveText("Paid");
  await shot(admin, "billing-admin-invoice-1280");
});

test("the customer downloads the invoice PDF from the portal; receivables show it paid", async ({ browser }) => {
  expect(invoiceNumber).toMatch(/^\d{4}-\d{4}$/);
  const page = await (await contextAs(browser, "customerA", { viewport: DESKTOP })).newPage();
  await page.goto("/portal/billing");
  const row = page.getByTestId(`invoice-${invoiceNumber}`);
  await expect(row).toContainText("Paid");
  // One sentence either way (it read "Nothing is owed. Thank you.. To pay, call us on …").
  await expect(page.getByTestId("balance-note")).toHaveText(
    /^(Nothing is owed\. Thank you\.|\d+ open invoices?(, \$[\d,.]+ overdue)?\. To pay, call us on [^.]+\.)$/,
  );
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /Download PDF/ }).click()]);
  expect(download.suggestedFilename()).toBe(`Invoice-${invoiceNumber}.pdf`);
  const bytes = await (await import("node:fs/promises")).readFile((await download.path())!);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  expect(text).toContain(`Invoice ${invoiceNumber}`);
  expect(text).toContain("Call-out fee");
  expect(text).toContain("Dahua NVR NVR5216 — recovered");
  expect(text).toMatch(/Total \$\d+\.\d\d/);
  expect(text).toContain("Balance due $0.00");

  // Another customer gets a 404 for it.
  const invoiceHref = (await row.getByRole("link", { name: /Download PDF/ }).getAttribute("href"))!;
  const other = await contextAs(browser, "customerB");
  expect((await other.request.get(invoiceHref)).status()).toBe(404);
  await other.close();

  const admin = await (await contextAs(browser, "admin", { viewport: DESKTOP })).newPage();
  await admin.goto("/admin/receivables?status=paid");
  const paid = admin.getByTestId("receivable-row").filter({ hasText: invoiceNumber });
  await expect(paid).toContainText("Carla Customer");
  await expect(paid.getByTestId("invoice-status")).toHaveText("Paid");
  await shot(admin, "billing-receivables-1280");
});
