/**
 * The two full journeys with the keyboard alone, on a 390 × 844 phone screen (issue 8, "Proof"):
 * a new customer books from the home page, then reschedules and cancels in the portal; the
 * technician works a two-device visit from "On my way" to completed. No click, fill or check:
 * only Tab / Shift+Tab, arrows, Enter, Space and typed text (e2e/support/keyboard.ts), so every
 * control used is proven reachable in tab order. Every page visited is checked for sideways
 * scrolling; the technician's controls for 44 × 44 px touch targets.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { contextAs, PASSWORD, PHONE, unique } from "./support/helpers";
import { KEYS } from "./support/keyboard-fixtures";
import { activate, chooseOption, chooseRadio, expectFocusRing, expectNoHorizontalScroll, expectTouchTarget, shot, tabTo, typeInto } from "./support/keyboard";

const stepIs = async (page: Page, title: string) => {
  const h = page.getByRole("heading", { name: title, level: 2 });
  await expect(h).toBeVisible();
  await expect(h, `the "${title}" step's heading takes the focus`).toBeFocused();
  await expectNoHorizontalScroll(page);
};

/** Picks a day of a slot picker with the arrow keys (Home/End/←/→), then a start time; returns the chosen time's label. */
async function pickSlot(page: Page, day: "End" | "Home", stepsBack = 0) {
  const days = page.getByTestId("slot-days").getByRole("button");
  await expect(days.first()).toBeVisible();
  // The day strip is one tab stop: Tab lands on the chosen day, the arrows move along it.
  await tabTo(page, days);
  await expectFocusRing(days.and(page.locator(":focus")));
  await page.keyboard.press(day);
  for (let i = 0; i < stepsBack; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Enter");
  const chosen = page.getByTestId("slot-days").getByRole("button", { pressed: true });
  await expect(chosen).toBeFocused();
  const times = page.getByTestId("slot-times").getByRole("button");
  await page.keyboard.press("Tab");
  await expect(times.first(), "Tab from the day strip goes to the first start time").toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(times.nth(1)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(times.nth(1)).toHaveAttribute("aria-pressed", "true");
  // The button also says the day to screen readers; the time is its visible part.
  return /\d{1,2}:\d{2} [AP]M/.exec((await times.nth(1).textContent()) ?? "")![0];
}

test("a new customer books two devices, then reschedules and cancels, with the keyboard alone on a phone", async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: PHONE });
  const page = await ctx.newPage();
  const email = `kai-${unique()}@example.test`;

  await page.goto("/");
  await expectNoHorizontalScroll(page);
  const book = page.getByRole("main").getByRole("link", { name: "Book a visit" });
  await tabTo(page, book);
  await expectFocusRing(book);
  await shot(page, "01-home");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/book$/);

  // 1. Contact details (the first step's heading is not focused on load: the page just opened).
  await expect(page.getByRole("heading", { name: "Your details", level: 2 })).toBeVisible();
  await typeInto(page, page.getByLabel("Full name"), "Kai Keys");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Phone")).toBeFocused();
  await page.keyboard.type("216-555-0190");
  await expectFocusRing(page.getByLabel("Phone"));
  await shot(page, "02-contact");
  const nextBtn = page.getByRole("button", { name: "Next", exact: true });
  await tabTo(page, nextBtn);
  await expectFocusRing(nextBtn);
  await page.keyboard.press("Enter");

  // 2. Site address.
  await stepIs(page, "Address");
  await typeInto(page, page.getByLabel("Street address"), "1 Keyboard Way");
  await typeInto(page, page.getByLabel("City"), "Cleveland");
  await typeInto(page, page.getByLabel("State"), "OH");
  await typeInto(page, page.getByLabel("ZIP code"), "44114");
  await typeInto(page, page.getByLabel("Access notes (optional)"), "Ring the side door.");
  await shot(page, "03-address");
  await activate(page, nextBtn);

  // 3. Two devices, each with brand, kind, model, the problem and what was set up.
  await stepIs(page, "Devices");
  const device = async (i: number, brand: string, kind: string, model: string, problem: string, setUp: RegExp) => {
    await chooseOption(page, page.locator(`#devices-${i}-brand`), brand);
    await chooseOption(page, page.locator(`#devices-${i}-kind`), kind);
    await typeInto(page, page.locator(`#devices-${i}-model`), model);
    await typeInto(page, page.locator(`#devices-${i}-problem`), problem);
    await chooseRadio(page, page.getByTestId(`device-${i}`).getByRole("group", { name: setUp }), "Yes");
  };
  await device(0, "Dahua", "NVR", "NVR4216-4KS2", "Forgot the admin password after a power cut.", /recovery email/);
  const add = page.getByRole("button", { name: "Add another device" });
  await activate(page, add);
  await device(1, "Hikvision", "DVR", "DS-7208HQHI", "Locked after too many tries.", /GUID/);
  await shot(page, "04-devices");
  await activate(page, nextBtn);

  // 4. A real free slot: the day before the last one offered (a whole day, well past the change
  // cut-off; the last may be cut short by the horizon), its second time.
  await stepIs(page, "Day and time");
  const time = await pickSlot(page, "End", 1);
  await shot(page, "05-slot");
  await activate(page, nextBtn);

  // 5. Review, set a password, confirm.
  await stepIs(page, "Review and confirm");
  const review = page.getByTestId("review");
  await expect(review).toContainText("1 Keyboard Way");
  await expect(review).toContainText("Dahua NVR NVR4216-4KS2");
  await expect(review).toContainText("Hikvision DVR DS-7208HQHI");
  await expect(review).toContainText(time);
  await expect(page.getByLabel("Set a password now")).toBeChecked();
  await typeInto(page, page.getByLabel("Password", { exact: true }), PASSWORD);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Confirm password")).toBeFocused();
  await page.keyboard.type(PASSWORD);
  const confirm = page.getByRole("button", { name: "Confirm booking" });
  await tabTo(page, confirm);
  await expectFocusRing(confirm);
  await shot(page, "06-review");
  await page.keyboard.press("Enter");

  const confirmation = page.getByTestId("confirmation");
  await expect(confirmation).toBeVisible();
  await expect(page.getByRole("heading", { name: "You are booked" })).toBeFocused();
  await expect(page.getByTestId("booking-window")).toContainText(time);
  await expect(confirmation).toContainText("1 Keyboard Way, Cleveland, OH 44114");
  const reference = (await page.getByTestId("booking-reference").textContent())!.trim();
  expect(reference).toMatch(/^FK-[2-9A-Z]{6}$/);
  await expectNoHorizontalScroll(page);
  await shot(page, "07-confirmation");

  // Sign in with the new password, all from the keyboard.
  await activate(page, page.getByRole("link", { name: "Sign in to manage your visit" }));
  await expect(page).toHaveURL(/\/signin/);
  await expectNoHorizontalScroll(page);
  await typeInto(page, page.getByLabel("Email"), email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(PASSWORD);
  await activate(page, page.getByRole("button", { name: "Sign in" }));
  await expect(page).toHaveURL(/\/portal$/);
  await expectNoHorizontalScroll(page);

  // The visit in the portal.
  const row = page.getByTestId(`visit-${reference}`);
  await expect(row).toContainText("Scheduled");
  await activate(page, row.getByRole("link"), { max: 60 });
  await expect(page.getByRole("heading", { name: `Visit ${reference}` })).toBeVisible();
  await expectNoHorizontalScroll(page);
  const before = (await page.getByTestId("visit-window").textContent())!;
  await shot(page, "08-portal-visit");

  // Reschedule: the picker takes the focus, then one day earlier, its second time.
  await activate(page, page.getByRole("button", { name: "Reschedule" }), { max: 60 });
  await expect(page.getByRole("heading", { name: "Pick a new time" })).toBeFocused();
  await pickSlot(page, "End", 2);
  await expectNoHorizontalScroll(page);
  await shot(page, "09-reschedule");
  await activate(page, page.getByRole("button", { name: "Move my visit" }));
  await expect(page.getByTestId("form-message")).toContainText("Moved to");
  await expect(page.locator(":focus"), "the outcome takes the focus").toContainText("Moved to");
  await expect(page.getByTestId("visit-window")).not.toHaveText(before);

  // Cancel: the question takes the focus; once cancelled, the page title (read with the status).
  await activate(page, page.getByRole("button", { name: "Cancel visit" }));
  await expect(page.getByText("Cancel this visit? The time goes back to other customers.")).toBeFocused();
  await shot(page, "10-cancel");
  await activate(page, page.getByRole("button", { name: "Yes, cancel the visit" }));
  await expect(page.getByTestId("visit-status")).toHaveText("Cancelled");
  await expect(page.getByRole("heading", { name: `Visit ${reference}`, level: 1 })).toBeFocused();
  await expectNoHorizontalScroll(page);
  await ctx.close();
});

/** Opens a method's log sheet from its Try button, picks the outcome, saves with a preset. */
async function logAttempt(page: Page, section: Locator, method: string, outcome: string, save: string, extra?: () => Promise<void>) {
  const tryBtn = section.getByRole("button", { name: new RegExp(`^Try ${method.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} on`) });
  await tabTo(page, tryBtn, { max: 60 });
  await expectTouchTarget(tryBtn);
  await page.keyboard.press("Enter");
  const sheet = page.getByRole("dialog", { name: method });
  await expect(sheet).toBeVisible();
  await expect(sheet.locator(":focus"), "the sheet takes the focus").toHaveCount(1);
  await chooseRadio(page, sheet.getByRole("group", { name: "Outcome" }), outcome);
  await expectTouchTarget(sheet.locator("label").filter({ has: page.getByRole("radio") }));
  if (extra) await extra();
  const saveBtn = sheet.getByRole("button", { name: save });
  await tabTo(page, saveBtn);
  await expectTouchTarget(sheet.getByRole("group", { name: "Or save with a duration" }).getByRole("button"));
  await page.keyboard.press("Enter");
  await expect(sheet).toBeHidden();
  // Focus comes back to the device, not to the top of the page.
  await expect(section.getByRole("heading", { level: 3 })).toBeFocused();
}

test("the technician works a two-device visit from 'On my way' to completed with the keyboard alone on a phone", async ({ browser }) => {
  const page = await (await contextAs(browser, "tech", { viewport: PHONE })).newPage();
  await page.goto("/tech");
  await expectNoHorizontalScroll(page);
  const card = page.getByTestId(`visit-${KEYS.ref}`);
  await expect(card).toContainText(KEYS.customer);

  // The day view: On my way, then open the job.
  const onMyWay = card.getByRole("button", { name: "On my way" });
  await tabTo(page, onMyWay, { max: 80 });
  await expectFocusRing(onMyWay);
  await expectTouchTarget(card.getByRole("button").or(card.getByRole("link")));
  await shot(page, "11-tech-day");
  await page.keyboard.press("Enter");
  await expect(card).toContainText("On the way");
  const open = card.getByRole("link", { name: `Open job ${KEYS.ref}` });
  await tabTo(page, open);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: KEYS.customer, level: 1 })).toBeVisible();
  await expectNoHorizontalScroll(page);

  // Every control on the job page is a 44 × 44 px touch target (header included).
  await expectTouchTarget(page.locator("header, main").locator("a:visible, button:visible, summary:visible, select:visible, input:visible:not([type=radio])"));
  // The sticky bar at the bottom never hides the focused control (tabTo checks what it reaches).
  await tabTo(page, page.getByTestId("device-hikvision").getByRole("link", { name: "Config backups of this device" }), { max: 60 });
  await shot(page, "12-tech-not-obscured");

  // Arrived (the sticky bar at the bottom); the authorization form then takes the focus.
  const arrived = page.getByRole("button", { name: "Arrived on site" });
  await tabTo(page, arrived, { max: 60 });
  await expectTouchTarget(arrived);
  await expectFocusRing(arrived);
  await shot(page, "12-tech-arrive");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("visit-status")).toHaveText("On site");
  await expect(page.getByRole("heading", { name: "1. Authorization" })).toBeFocused();

  // Authorization: the typed-name alternative to the signature pad, chosen with the arrow keys.
  const auth = page.getByRole("form", { name: "Authorization" });
  await typeInto(page, auth.getByLabel("Name of the person authorizing"), "Kim Keyboard");
  await chooseOption(page, auth.getByLabel("Their relationship to the equipment"), "Manager");
  await chooseRadio(page, auth.getByRole("group", { name: "How they confirm" }), "Type their name");
  await typeInto(page, auth.getByLabel("Their full name, typed by them"), "Kim Keyboard");
  const record = auth.getByRole("button", { name: "Record authorization" });
  await tabTo(page, record);
  await expectTouchTarget(record);
  await shot(page, "13-tech-authorization");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("authorization-recorded")).toContainText("Authorized by Kim Keyboard (manager)");
  await expect(page.getByTestId("authorization-recorded")).toContainText("Typed acknowledgement: “Kim Keyboard”");

  // Open a device's page (config backups) and come back, by keyboard.
  const dahua = page.getByTestId("device-dahua");
  await activate(page, dahua.getByRole("link", { name: "Config backups of this device" }), { max: 60 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText(KEYS.dahuaModel);
  await expectNoHorizontalScroll(page);
  await shot(page, "14-tech-device");
  await activate(page, page.getByRole("link", { name: "← Back to the job" }));
  await expect(page.getByRole("heading", { name: KEYS.customer, level: 1 })).toBeVisible();

  // Dahua: read a method's steps (the playbook), a failed try, Escape out of a sheet, a success.
  const qr = dahua.getByTestId("method-dahua_qr_dmss");
  const steps = qr.getByText("Requirements and steps");
  await activate(page, steps, { max: 60 });
  await expect(qr.locator("details")).toHaveAttribute("open", "");
  await expect(qr.locator("details ol li").first()).toBeVisible();
  await shot(page, "15-tech-playbook");
  await logAttempt(page, dahua, "QR code + DMSS app", "Failed", "Save with 5 min");
  await expect(dahua.getByTestId("attempt-1")).toContainText("1. QR code + DMSS app — Failed · 5 min");

  const reset = dahua.getByRole("button", { name: /^Try Reset button on the board \(recorder\) on/ });
  await activate(page, reset, { max: 60 });
  await expect(page.getByRole("dialog", { name: "Reset button on the board (recorder)" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(reset, "Escape closes the sheet and gives the focus back to its Try button").toBeFocused();
  await logAttempt(page, dahua, "Reset button on the board (recorder)", "Succeeded", "Save with 15 min");
  await expect(dahua.getByTestId("attempt-2")).toContainText("Succeeded");
  await expect(dahua.getByTestId("device-state")).toHaveText("Recovered");

  // Hikvision: the vendor route opens a case; close it with the result; then the final outcome.
  const hik = page.getByTestId("device-hikvision");
  await logAttempt(page, hik, "SADP export to Hikvision support", "Waiting on vendor", "Save with 15 min", async () => {
    await expect(page.getByRole("dialog").getByLabel("What was sent")).toHaveValue(/request exported and sent/);
  });
  await expect(page.getByTestId("visit-status")).toHaveText("Waiting on vendor");
  const vendorCase = hik.getByRole("region", { name: "Vendor case with Hikvision" });
  await expect(vendorCase).toContainText("Do not reboot");
  await chooseRadio(page, vendorCase.getByRole("group", { name: /result come back/ }), "Result received", { max: 60 });
  await typeInto(page, vendorCase.getByLabel("What came back"), "Reset key from Hikvision, imported with SADP");
  const closeCase = vendorCase.getByRole("button", { name: "Close vendor case" });
  await tabTo(page, closeCase);
  await expectTouchTarget(closeCase);
  await shot(page, "16-tech-vendor-case");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("visit-status")).toHaveText("On site");
  await expect(hik.getByTestId("device-state")).toHaveText("Vendor answered: log the final outcome");
  await logAttempt(page, hik, "SADP export to Hikvision support", "Succeeded", "Save with 5 min");
  await expect(hik.getByTestId("device-state")).toHaveText("Recovered");

  // The lockout-prevention checklist, then complete.
  const finish = page.getByRole("form", { name: "Complete the visit" });
  await chooseRadio(page, finish.getByRole("group", { name: "Pattern lock set" }), "Yes");
  await chooseRadio(page, finish.getByRole("group", { name: "Config exported and a copy kept" }), "Yes");
  await chooseRadio(page, finish.getByRole("group", { name: "Recovery email updated to one the customer checks" }), "Not applicable");
  await expectTouchTarget(finish.locator("label").filter({ has: page.getByRole("radio") }));
  const complete = finish.getByRole("button", { name: "Complete visit" });
  await tabTo(page, complete);
  await expectTouchTarget(complete);
  await expectFocusRing(complete);
  await shot(page, "17-tech-complete");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("visit-status")).toHaveText("Completed");
  await expect(page.getByTestId("visit-summary")).toContainText("Recovered with: SADP export to Hikvision support.");
  await expectNoHorizontalScroll(page);
  await shot(page, "18-tech-completed");
  await page.context().close();
});
