import { expect, test, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { boardDate, BOARD_DAY, DORA, VISITS } from "./support/dispatch-fixtures";
import { pageAs, PHONE, toasts } from "./support/helpers";

/** The office's settings pages: a technician's hours and time off, the company settings and its holidays. */

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test.describe("admin: technicians' availability", () => {
  test("edits a technician's weekly hours (with a field error first) and adds and removes time off", async ({ browser }) => {
    const page = await pageAs(browser, "admin");
    await page.goto("/admin/technicians");
    await expect(page.getByTestId(`tech-${DORA.email}`)).toContainText("Mon–Fri 09:00–17:00");
    await page.getByRole("link", { name: `Edit availability of ${DORA.name}` }).click();
    await expect(page.getByRole("heading", { name: DORA.name, level: 1 })).toBeVisible();

    const hours = page.getByRole("form", { name: "Weekly working hours" });
    // A lunch break on Monday: two ranges.
    await hours.getByLabel("Monday 1 End").fill("12:00");
    await hours.getByRole("button", { name: "Add hours on Monday" }).click();
    await expect(hours.getByLabel("Monday 2 Start")).toHaveValue("13:00");
    // Tuesday ends before it starts: a specific error on that field, nothing saved.
    await hours.getByLabel("Tuesday 1 End").fill("08:00");
    await hours.getByRole("button", { name: "Save working hours" }).click();
    await expect(hours.getByLabel("Tuesday 1 End")).toHaveAttribute("aria-invalid", "true");
    await expect(hours.getByText("Must end after it starts (09:00).")).toBeVisible();
    await hours.getByLabel("Tuesday 1 End").fill("17:00");
    await hours.getByRole("button", { name: "Save working hours" }).click();
    await expect(toasts(page)).toContainText("Working hours saved: Mon 09:00–12:00, 13:00–17:00; Tue–Fri 09:00–17:00.");
    await page.goto("/admin/technicians");
    await expect(page.getByTestId(`tech-${DORA.email}`)).toContainText("Mon 09:00–12:00, 13:00–17:00; Tue–Fri 09:00–17:00");
    await page.getByRole("link", { name: `Edit availability of ${DORA.name}` }).click();

    // Time off over Dora's seeded afternoon visit: added, and the visit in the way is named.
    const off = page.getByRole("form", { name: "Add time off" });
    await off.getByLabel("Time off starts").fill(`${BOARD_DAY}T12:00`);
    await off.getByLabel("Time off ends").fill(`${BOARD_DAY}T11:00`);
    await off.getByRole("button", { name: "Add time off" }).click();
    await expect(off.getByText("Must end after it starts.")).toBeVisible();
    await off.getByLabel("Time off ends").fill(`${BOARD_DAY}T15:00`);
    await off.getByLabel("Reason (optional)").fill("Dentist");
    await off.getByRole("button", { name: "Add time off" }).click();
    await expect(toasts(page)).toContainText("Time off added.");
    await expect(off.getByTestId("form-message")).toContainText(`${DORA.name} has 1 visit in that time (${VISITS.doraAfternoon}`);
    const label = `${boardDate()}, 12:00 – 3:00 PM`;
    await expect(page.getByTestId("time-off-row")).toContainText(`${label} · Dentist`);
    await shot(page, "technician-1280");
    await page.setViewportSize(PHONE);
    await shot(page, "technician-390");
    await page.getByRole("button", { name: `Remove time off from ${label}` }).click();
    await expect(page.getByTestId("time-off-row")).toHaveCount(0);
    await expect(page.getByText("No upcoming time off.")).toBeVisible();
    await page.context().close();
  });
});

test.describe("admin: company settings", () => {
  test("changes a setting (refusing a bad value on its field), and adds and removes a holiday", async ({ browser }) => {
    const page = await pageAs(browser, "admin");
    await page.goto("/admin/settings");
    const form = page.getByRole("form", { name: "Company settings" });
    const due = form.getByLabel("Vendor case due after (hours)");
    await expect(due).toHaveValue("48");
    await form.getByLabel("Slot step (minutes)").fill("1");
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(form.getByLabel("Slot step (minutes)")).toHaveAttribute("aria-invalid", "true");
    await form.getByLabel("Slot step (minutes)").fill("30");
    // the company email names the organizer in every booking's calendar file: an address the browser lets through
    // ("service@fieldkey", no domain) is refused on its field, not saved to break the next booking
    const email = form.getByLabel("Email", { exact: true });
    const saved = await email.inputValue();
    await email.fill("service@fieldkey");
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAccessibleDescription(/email address/);
    await email.fill(saved);
    await due.fill("72");
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(toasts(page)).toContainText("Settings saved.");
    await page.reload();
    await expect(page.getByLabel("Vendor case due after (hours)")).toHaveValue("72");
    await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");

    // The locale: an unknown tag is refused on its field; en-gb is stored as en-GB and the
    // preview (and then every date) follows it.
    const locale = form.getByLabel("Date and time format (locale)");
    await expect(locale).toHaveValue("en-US");
    await expect(form.getByTestId("locale-preview")).toHaveText("Monday, March 2, 2026, 2:30 – 4:00 PM");
    await locale.fill("xx-YY");
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(locale).toHaveAttribute("aria-invalid", "true");
    await expect(locale).toHaveAccessibleDescription(/this one is unknown/);
    await locale.fill("en-gb");
    await expect(form.getByTestId("locale-preview")).toHaveText("Monday, 2 March 2026, 14:30–16:00");
    await form.getByRole("button", { name: "Save settings" }).click();
    await expect(toasts(page)).toContainText("Settings saved.");
    await page.reload();
    await expect(page.getByLabel("Date and time format (locale)")).toHaveValue("en-GB");
    await shot(page, "settings-1280");

    const day = DateTime.now().plus({ days: 300 }).toISODate()!;
    const hol = page.getByRole("form", { name: "Add a holiday" });
    await hol.getByLabel("Holiday date").fill(day);
    await hol.getByLabel("Holiday name").fill("Founders Day");
    await hol.getByRole("button", { name: "Add holiday" }).click();
    await expect(page.getByTestId(`holiday-${day}`)).toContainText("Founders Day");
    // Written the en-GB way while that is the company locale: "Sat, 26 Dec 2026".
    await expect(page.getByTestId(`holiday-${day}`)).toContainText(DateTime.fromISO(day).toFormat("ccc, d LLL yyyy"));
    await hol.getByLabel("Holiday date").fill(day);
    await hol.getByLabel("Holiday name").fill("Founders Day again");
    await hol.getByRole("button", { name: "Add holiday" }).click();
    await expect(hol.getByText("That day is already a holiday.").first()).toBeVisible();
    await page.setViewportSize(PHONE);
    await shot(page, "settings-390");
    // A second tab still shows the holiday: removing it there again is refused, and the
    // server's message is announced beside that row's button (its own alert), nothing else.
    const stale = await page.context().newPage();
    await stale.goto("/admin/settings");
    const staleRow = stale.getByTestId(`holiday-${day}`);
    await expect(staleRow).toContainText("Founders Day");
    await expect(staleRow.getByRole("alert")).toHaveText("");
    await page.getByRole("button", { name: `Remove Founders Day (${day})` }).click();
    await expect(page.getByTestId(`holiday-${day}`)).toHaveCount(0);
    const again = staleRow.getByRole("button", { name: `Remove Founders Day (${day})` });
    await again.click();
    await expect(staleRow.getByRole("alert")).toHaveText("That holiday was already removed.");
    await expect(again).toBeEnabled();
    await expect(again).not.toHaveAttribute("aria-busy");
    await expect(again).toHaveAccessibleDescription("That holiday was already removed.");
    await stale.close();

    // Put the shared settings back for the journeys that follow.
    await page.getByLabel("Vendor case due after (hours)").fill("48");
    await page.getByLabel("Date and time format (locale)").fill("en-US");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(toasts(page)).toContainText("Settings saved.");
    await page.context().close();
  });
});
