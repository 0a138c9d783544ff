import { expect, test, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { boardDate, BOARD_DAY, DORA, DRAG, DRAG_DAY, VISITS } from "./support/dispatch-fixtures";
import { pageAs, PHONE, toasts } from "./support/helpers";

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test.describe("admin: dispatch board", () => {
  test("reassigns a visit, and a move onto a taken time gets a message naming the visit in the way", async ({ browser }) => {
    const page = await pageAs(browser, "admin");
    await page.goto(`/admin/dispatch?date=${BOARD_DAY}`);
    const terryLane = page.getByTestId("lane-Terry Tech");
    const doraLane = page.getByTestId(`lane-${DORA.name}`);
    await expect(terryLane.getByTestId(`visit-${VISITS.terryMorning}`)).toContainText("9:00 – 10:30 AM");
    await expect(doraLane.getByTestId(`visit-${VISITS.doraAfternoon}`)).toBeVisible();
    const waiting = page.getByRole("list", { name: "Unassigned visits" });
    await expect(waiting.getByTestId(`visit-${VISITS.requested}`)).toContainText("Requested");
    await shot(page, "dispatch-day-1280");

    // Reassign Dora's afternoon visit to Terry, with the keyboard.
    await page.getByRole("button", { name: `Move / reassign ${VISITS.doraAfternoon}` }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Move / reassign ${VISITS.doraAfternoon}` });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Technician").selectOption({ label: "Terry Tech" });
    await dialog.getByRole("button", { name: "Save move" }).click();
    await expect(toasts(page)).toContainText(`${VISITS.doraAfternoon}: Terry Tech, ${boardDate()}, 1:00 PM. The customer will be emailed.`);
    // It stays findable: highlighted where it landed, and listed with an Undo.
    await expect(page.getByTestId("just-moved")).toContainText(`${VISITS.doraAfternoon} → Terry Tech, ${boardDate()}, 1:00 PM`);
    await expect(terryLane.getByTestId(`visit-${VISITS.doraAfternoon}`)).toHaveAttribute("data-moved", "true");
    await expect(doraLane.getByTestId(`visit-${VISITS.doraAfternoon}`)).toHaveCount(0);

    // Assign the requested visit onto Terry's morning: refused, with the collision named.
    await page.getByRole("button", { name: `Move / reassign ${VISITS.requested}` }).click();
    const d3 = page.getByRole("dialog", { name: `Move / reassign ${VISITS.requested}` });
    await d3.getByLabel("Technician").selectOption({ label: "Terry Tech" });
    await d3.getByLabel("Start time").fill("09:30");
    await d3.getByRole("button", { name: "Save move" }).click();
    const message = `Terry Tech already has ${VISITS.terryMorning} 9:00 – 10:30 AM. Visits need 30 min of travel time between them.`;
    await expect(d3.getByTestId("form-message")).toContainText(message);
    await expect(d3.getByLabel("Start time")).toHaveAttribute("aria-invalid", "true");
    await shot(page, "dispatch-collision-1280");
    // Escape closes it; nothing changed.
    await page.keyboard.press("Escape");
    await expect(d3).toBeHidden();
    await expect(waiting.getByTestId(`visit-${VISITS.requested}`)).toBeVisible();

    // Assign it to Dora instead: it leaves the waiting list and is scheduled.
    await page.getByRole("button", { name: `Move / reassign ${VISITS.requested}` }).click();
    await d3.getByLabel("Technician").selectOption({ label: DORA.name });
    await d3.getByLabel("Start time").fill("09:30");
    await d3.getByRole("button", { name: "Save move" }).click();
    await expect(doraLane.getByTestId(`visit-${VISITS.requested}`)).toContainText("9:30 – 10:30 AM");
    await expect(doraLane.getByTestId(`visit-${VISITS.requested}`)).toContainText("Scheduled");
    await expect(waiting.getByTestId(`visit-${VISITS.requested}`)).toHaveCount(0);

    // The week view shows the same visits; the day navigation moves by one day.
    await page.getByRole("link", { name: "Show week view" }).click();
    await expect(page).toHaveURL(/view=week/);
    await expect(page.getByRole("heading", { level: 2, name: /^Week of / })).toBeVisible();
    await expect(page.getByTestId("lane-Terry Tech").getByTestId(`visit-${VISITS.terryMorning}`)).toBeVisible();
    await shot(page, "dispatch-week-1280");
    await page.goto(`/admin/dispatch?date=${BOARD_DAY}`);
    await page.getByRole("link", { name: "Next day →" }).click();
    await expect(page.getByRole("heading", { level: 2, name: DateTime.fromISO(BOARD_DAY).plus({ days: 1 }).toFormat("cccc, LLLL d, yyyy") })).toBeVisible();
    await page.context().close();
  });

  test("drags a waiting request onto a technician's lane at a time, is told why a taken time is refused, undoes a move, and opens a card", async ({
    browser,
  }) => {
    // Tall enough that the whole board (every seeded technician's lane, Terry's last) fits with room below: a pointer near the
    // window's edge makes dnd-kit scroll the page under it (the offline fixtures' technicians pushed his lane to 1500 px).
    const page = await pageAs(browser, "admin", { viewport: { width: 1280, height: 2400 } });
    await page.goto(`/admin/dispatch?date=${DRAG_DAY}`);
    const terryLane = page.getByTestId("lane-Terry Tech").getByRole("list", { name: "Terry Tech's visits" });
    const waiting = page.getByRole("list", { name: "Unassigned visits" });
    const card = page.getByTestId(`visit-${DRAG.waiting}`);
    await expect(waiting.getByTestId(`visit-${DRAG.waiting}`)).toBeVisible();

    /** Drag the card so the pointer ends at that local time on the lane (the day's axis runs 8 AM to 6 PM here). */
    const dragTo = async (hour: number, opts: { shotName?: string } = {}) => {
      const from = (await card.boundingBox())!;
      const at = async () => {
        const lane = (await terryLane.boundingBox())!;
        return { x: lane.x + (lane.width * (hour - 8)) / 10, y: lane.y + lane.height / 2 };
      };
      await page.mouse.move(from.x + 12, from.y + 12);
      await page.mouse.down();
      await page.mouse.move(from.x + 40, from.y + 20, { steps: 4 });
      const first = await at();
      await page.mouse.move(first.x, first.y, { steps: 12 });
      // dnd-kit measures what is under the pointer after a move: nudge it until the hint has caught up. The lane is
      // measured again each time: the board may shift once the drag starts (the last refusal's alert is cleared).
      await expect(async () => {
        const { x, y } = await at();
        await page.mouse.move(x + 1, y);
        await page.mouse.move(x, y);
        await expect(page.getByTestId("drop-hint")).toContainText("Terry Tech", { timeout: 1000 });
      }).toPass({ timeout: 10_000 });
      if (opts.shotName) await shot(page, opts.shotName);
      await page.mouse.up();
    };

    // Onto Terry's morning visit (9:00–10:00 + 30 min of travel): refused, with the visit in the way named; nothing moves.
    await dragTo(9.5);
    await expect(page.getByTestId("dispatch-status")).toContainText(
      `${DRAG.waiting} was not moved: Terry Tech already has ${DRAG.terryMorning} 9:00 – 10:00 AM`,
    );
    await expect(toasts(page)).toContainText(`${DRAG.waiting} was not moved`);
    await expect(waiting.getByTestId(`visit-${DRAG.waiting}`)).toBeVisible();

    // At 2 PM: assigned and placed, highlighted, listed under "Just moved", the toast offers Undo.
    await dragTo(14, { shotName: "dispatch-drag-1280" });
    await expect(terryLane.getByTestId(`visit-${DRAG.waiting}`)).toHaveAttribute("data-moved", "true");
    await expect(terryLane.getByTestId(`visit-${DRAG.waiting}`)).toContainText("2:00 PM");
    await expect(page.getByTestId("dispatch-status")).toHaveText("");
    await expect(toasts(page)).toContainText(`${DRAG.waiting}: Terry Tech,`);
    await expect(toasts(page).getByRole("button", { name: "Undo" })).toBeVisible();
    await expect(page.getByTestId("just-moved")).toContainText(`${DRAG.waiting} → Terry Tech`);
    await shot(page, "dispatch-moved-1280");

    // Undo: back to waiting, and the customer's held email withdrawn.
    await page.getByRole("button", { name: `Undo the move of ${DRAG.waiting}` }).click();
    await expect(toasts(page)).toContainText(`${DRAG.waiting} is back where it was. The customer was not emailed.`);
    await expect(waiting.getByTestId(`visit-${DRAG.waiting}`)).toBeVisible();
    await expect(page.getByTestId("just-moved")).toHaveCount(0);

    // The week view: the customer's long name is on the card and the move button is beside it, not over it.
    await page.goto(`/admin/dispatch?view=week&date=${DRAG_DAY}`);
    const weekCard = page.getByTestId("lane-Terry Tech").getByTestId(`visit-${DRAG.terryMorning}`);
    const name = weekCard.getByTestId("card-customer");
    await expect(name).toBeVisible();
    const button = weekCard.getByRole("button", { name: `Move / reassign ${DRAG.terryMorning}` });
    // Measured until the layout settles: once, on a loaded runner, the first measure overlapped and the page then rendered apart.
    const overlaps = async () => {
      const [nameBox, buttonBox] = [await name.boundingBox(), await button.boundingBox()];
      return (
        nameBox!.x < buttonBox!.x + buttonBox!.width &&
        buttonBox!.x < nameBox!.x + nameBox!.width &&
        nameBox!.y < buttonBox!.y + buttonBox!.height &&
        buttonBox!.y < nameBox!.y + nameBox!.height
      );
    };
    await expect.poll(overlaps, { message: "the move button covers the customer's name" }).toBe(false);
    expect(await name.evaluate((el) => el.getBoundingClientRect().bottom <= el.closest("article")!.getBoundingClientRect().bottom)).toBe(true);
    await shot(page, "dispatch-week-cards-1280");

    // A card opens its visit.
    await weekCard.getByRole("link", { name: `Open ${DRAG.terryMorning}` }).click();
    await expect(page).toHaveURL(/\/admin\/visits\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText(DRAG.terryMorning);
    await expect(page.getByTestId("visit-office")).toContainText(DRAG.customer);
    await page.context().close();
  });

  test("is usable on a phone: lanes stack and the move form fits", async ({ browser }) => {
    const page = await pageAs(browser, "admin", { viewport: PHONE });
    await page.goto(`/admin/dispatch?date=${BOARD_DAY}`);
    const card = page.getByTestId(`visit-${VISITS.terryMorning}`);
    await expect(card).toBeVisible();
    const box = await card.boundingBox();
    expect(box!.width).toBeGreaterThan(250); // full width, not a sliver of a timeline
    await shot(page, "dispatch-day-390");
    await page.getByRole("button", { name: `Move / reassign ${VISITS.terryMorning}` }).click();
    const dialog = page.getByRole("dialog", { name: `Move / reassign ${VISITS.terryMorning}` });
    await expect(dialog.getByRole("button", { name: "Save move" })).toBeInViewport();
    await shot(page, "dispatch-dialog-390");
    await page.context().close();
  });
});
