/**
 * The booking journey with the keyboard alone, on a 390 × 844 phone screen (issue 8, "Proof"):
 * a new customer books from the home page, then reschedules and cancels in the portal. No click,
 * fill or check: only Tab / Shift+Tab, arrows, Enter, Space and typed text (e2e/support/keyboard.ts),
 * so every control used is proven reachable in tab order; every page visited is checked for
 * sideways scrolling. The technician's journey: keyboard-tech.spec.ts.
 */
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, PHONE, unique } from "./support/helpers";
import { activate, chooseOption, chooseRadio, expectFocusRing, expectNoHorizontalScroll, shot, tabTo, typeInto } from "./support/keyboard";
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
  // The window starts at the picked time: "Monday, January 4, 2027, 9:30 – 11:30 AM EST" (a shared AM/PM is written once).
  await expect(page.getByTestId("booking-window")).toContainText(new RegExp(`, ${time.replace(/\s*[AP]M$/, "")}( [AP]M)? – `));
  await expect(confirmation).toContainText("1 Keyboard Way, Cleveland, OH 44114");
  const reference = (await page.getByTestId("booking-reference").textContent())!.trim();
  expect(reference).toMatch(/^FK-[2-9A-Z]{6}$/);
  await expectNoHorizontalScroll(page);
  await shot(page, "07-confirmation");

  // Choosing a password while booking signed the customer in (#15 item 15): no second sign-in, straight to the visit.
  await expect(page.getByRole("link", { name: "Sign in to manage your visit" })).toHaveCount(0);
  await activate(page, page.getByRole("link", { name: "See this visit" }));
  await expect(page).toHaveURL(/\/portal\/visits\/[0-9a-f-]{36}$/);
  await expectNoHorizontalScroll(page);
  await page.goto("/portal");

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
