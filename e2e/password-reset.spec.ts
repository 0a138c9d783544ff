import { expect, test } from "@playwright/test";
import { IVY, RITA } from "./support/dispatch-fixtures";
import { formMessage, signIn } from "./support/helpers";

const NEW_PASSWORD = "rita-new-pass-2031";

test.describe("forgotten passwords", () => {
  test("a reset link sets a new password once; the link then stops working", async ({ page }) => {
    await page.goto(`/reset-password?token=${RITA.token}`);
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password").fill("something else entirely");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The passwords do not match.")).toBeVisible();
    await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(formMessage(page)).toContainText("Your password was changed.");
    await page.getByRole("link", { name: "Sign in" }).last().click();
    await signIn(page, RITA.email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/portal$/);
    await page.context().clearCookies();
    await page.goto(`/reset-password?token=${RITA.token}`);
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
    await expect(page.getByText("This link has expired or was already used. Ask for a new one.")).toBeVisible();
  });

  test("an invitation link is titled “Set your password”", async ({ page }) => {
    await page.goto(`/reset-password?token=${IVY.token}`);
    await expect(page.getByRole("heading", { name: "Set your password" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/set-password-1280.png", fullPage: true });
  });

  test("asking for a link gives the same neutral answer for any email, and sign-in links to it", async ({ page }) => {
    await page.goto("/signin");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByLabel("Email").fill("not an email");
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    const answers: string[] = [];
    for (const email of [RITA.email, "nobody-here@example.test"]) {
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Email me a reset link" }).click();
      await expect(formMessage(page)).toContainText("If an account uses that email");
      answers.push((await formMessage(page).textContent()) ?? "");
    }
    expect(answers[0]).toBe(answers[1]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/screens/forgot-password-390.png", fullPage: true });
  });
});
