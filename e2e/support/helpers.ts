import { expect, type Browser, type Page } from "@playwright/test";
import { account, storageStatePath, type E2ERole } from "./state";

export const PASSWORD = "field-key-test-pass";

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signUp(page: Page, a: { name: string; email: string; password?: string; phone?: string }) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(a.name);
  await page.getByLabel("Email").fill(a.email);
  if (a.phone) await page.getByLabel("Phone (optional)").fill(a.phone);
  await page.getByLabel("Password", { exact: true }).fill(a.password ?? PASSWORD);
  await page.getByLabel("Confirm password").fill(a.password ?? PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** A new browser context signed in as one of the setup accounts. */
export async function contextAs(browser: Browser, role: E2ERole, opts: { viewport?: { width: number; height: number } } = {}) {
  return browser.newContext({ storageState: storageStatePath(role), ...opts });
}

export async function pageAs(browser: Browser, role: E2ERole, opts: { viewport?: { width: number; height: number } } = {}) {
  const ctx = await contextAs(browser, role, opts);
  return ctx.newPage();
}

export const PHONE = { width: 390, height: 844 };

/** The message region of a form (not Next's route announcer, which is also role=alert). */
export function formMessage(page: Page) {
  return page.getByTestId("form-message");
}

export async function expectSignedInAs(page: Page, role: E2ERole) {
  await expect(page.getByTestId("signed-in-as")).toContainText(account(role).name);
}

export const unique = () => Math.random().toString(36).slice(2, 8);

/** The toasts (sonner's list, a polite live region named "Notifications"): where every save answers. */
export function toasts(page: Page) {
  return page.getByRole("region", { name: /^Notifications/ });
}
