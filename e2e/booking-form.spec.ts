/** The booking form's own rules, before anything is booked: specific errors per field, and Next moves on only when a step is right. */
import { expect, test } from "@playwright/test";
import { PHONE } from "./support/helpers";
import { next, stepIs } from "./support/wizard";

test("the booking form gives specific errors for bad input and moves on only when a step is right", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  await page.goto("/book");
  await next(page);
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expect(page.getByText("Enter a phone number so the technician can reach you.")).toBeVisible();
  await page.getByLabel("Full name").fill("Bad Input");
  await page.getByLabel("Email").fill("not an email");
  await page.getByLabel("Phone").fill("call me");
  await next(page);
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Enter a valid phone number")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Email").fill("bad@example.test");
  await page.getByLabel("Phone").fill("216-555-0100");
  await page.keyboard.press("Enter"); // Enter means Next
  await stepIs(page, "Address");
  await next(page);
  await expect(page.getByText("Enter the street address.")).toBeVisible();
  await expect(page.getByText("Enter the ZIP code.")).toBeVisible();
  await page.getByRole("button", { name: "Back" }).click();
  await stepIs(page, "Your details");
  await expect(page.getByLabel("Full name")).toHaveValue("Bad Input");
});

test("after errors are shown, fixing the fields and clicking Next once moves on (the button does not jump away mid-click)", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  await page.goto("/book");
  await next(page);
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await page.getByLabel("Full name").fill("One Click");
  await page.getByLabel("Email").fill("one-click@example.test");
  await page.getByLabel("Phone").fill("216-555-0199");
  // Errors clear while typing, before the click; one click on Next is enough.
  await expect(page.getByText("Enter a name.")).toHaveCount(0);
  await next(page);
  await stepIs(page, "Address");
});
