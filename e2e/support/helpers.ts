import { expect, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import { account, storageStatePath, type Account, type E2ERole } from "./state";
import { linkFromMail } from "./mailbox";
import { nextCode } from "./totp";

export const PASSWORD = "field-key-test-pass";

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The second step of signing in, when the page asks for it: a code computed from the account's authenticator secret. */
export async function passSecondFactor(page: Page, a: Account) {
  await expect(page).toHaveURL(/\/two-factor/);
  await page.getByLabel("Code").fill(await nextCode(a.totpSecret!, a.email));
  await page.getByRole("button", { name: "Continue" }).click();
}

/**
 * An admin's first sign-in goes on to enrolment: the app's QR code, its key read from the page, the first code, the
 * ten recovery codes, then the admin area. Returns the authenticator secret.
 */
export async function enrolSecondFactor(page: Page, email: string): Promise<string> {
  await expect(page).toHaveURL(/\/two-factor\/setup/);
  await expect(page.getByRole("img", { name: `QR code to add ${email}` })).toBeVisible();
  const totpSecret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  await page.getByLabel("Code from the app").fill(await nextCode(totpSecret, email));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  return totpSecret;
}

/** Sign in as one of the setup accounts through the form, with the second step for the admin. */
export async function signInAs(page: Page, role: E2ERole) {
  const a = account(role);
  await signIn(page, a.email, a.password);
  if (a.totpSecret) await passSecondFactor(page, a);
}

/** Sign-up as a person does it: the form (name, email, phone), then the emailed link to choose the password. Ends on the sign-in page. */
export async function signUp(page: Page, a: { name: string; email: string; password?: string; phone?: string }) {
  await requestSignUp(page, a);
  await expect(page.getByTestId("form-message")).toContainText("Check your email");
  await page.goto(await linkFromMail(a.email, /http:\/\/[^\s]+\/reset-password\?token=[\w-]+/));
  await expect(page.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(a.password ?? PASSWORD);
  await page.getByLabel("Confirm new password").fill(a.password ?? PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByTestId("form-message")).toContainText("Your password is set.");
}

/** Only the sign-up form. */
export async function requestSignUp(page: Page, a: { name: string; email: string; phone?: string }) {
  // Each sign-up from a network of its own: sign-up is limited per address (the journey server trusts one proxy).
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `203.0.113.${Math.floor(Math.random() * 250) + 1}` });
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(a.name);
  await page.getByLabel("Email").fill(a.email);
  if (a.phone) await page.getByLabel("Phone (optional)").fill(a.phone);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** A new browser context signed in as one of the setup accounts. */
export async function contextAs(browser: Browser, role: E2ERole, opts: Omit<BrowserContextOptions, "storageState"> = {}) {
  return browser.newContext({ storageState: storageStatePath(role), ...opts });
}

export async function pageAs(browser: Browser, role: E2ERole, opts: Omit<BrowserContextOptions, "storageState"> = {}) {
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
