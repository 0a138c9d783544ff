import { expect, test as setup } from "@playwright/test";
import { enrolSecondFactor, PASSWORD, signIn, signUp, toasts } from "./support/helpers";
import { readState, saveAccount, storageStatePath } from "./support/state";

/**
 * Make the accounts every journey uses, through the real UI: the first admin
 * through the one-time setup link, technicians created by that admin, and two
 * customers who sign up themselves. Each signed-in state is saved.
 */
setup("first admin through the one-time setup link", async ({ page }) => {
  const { setupToken } = readState()!;
  await page.goto(`/setup?token=${setupToken}`);
  await expect(page.getByLabel("Setup token")).toHaveValue(setupToken);
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Email").fill("ada@fieldkey.test");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create admin account" }).click();
  // Admins sign in with two steps: the first sign-in goes to enrolment (the app's QR code, or its key typed in).
  const totpSecret = await enrolSecondFactor(page, "ada@fieldkey.test");
  const admin = { email: "ada@fieldkey.test", password: PASSWORD, name: "Ada Admin", totpSecret };
  await page.context().storageState({ path: storageStatePath("admin") });
  saveAccount("admin", admin);

  // The link cannot be used again.
  await page.goto(`/setup?token=${setupToken}`);
  await expect(page.getByRole("heading", { name: "Setup is complete" })).toBeVisible();
});

setup("technicians sign in; the admin creates another through the UI", async ({ browser }) => {
  // Terry was seeded (e2e/support/seed.ts) so fixture visits can be assigned to him.
  {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await signIn(p, "terry@fieldkey.test");
    await expect(p).toHaveURL(/\/tech$/);
    await ctx.storageState({ path: storageStatePath("tech") });
    saveAccount("tech", { email: "terry@fieldkey.test", password: PASSWORD, name: "Terry Tech" });
    await ctx.close();
  }
  const admin = await browser.newContext({ storageState: storageStatePath("admin") });
  const page = await admin.newPage();
  for (const [role, name, email] of [["otherTech", "Olive Other", "olive@fieldkey.test"]] as const) {
    await page.goto("/admin/users");
    const add = page.getByRole("form", { name: "Add staff" }); // the People list has its own Role filter
    await add.getByLabel("Full name").fill(name);
    await add.getByLabel("Email", { exact: true }).fill(email);
    await add.getByLabel("Role", { exact: true }).selectOption("technician");
    await add.getByLabel("Initial password").fill(PASSWORD);
    await add.getByRole("button", { name: "Add person" }).click();
    await expect(toasts(page)).toContainText(`Account created for ${email}`);
    saveAccount(role, { email, password: PASSWORD, name });

    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await signIn(p, email);
    await expect(p).toHaveURL(/\/tech$/);
    await ctx.storageState({ path: storageStatePath(role) });
    await ctx.close();
  }
  await admin.close();
});

setup("customers: Carla (seeded) signs in, Ben signs up", async ({ browser }) => {
  {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    await signIn(p, "carla@example.test");
    await expect(p).toHaveURL(/\/portal$/);
    await ctx.storageState({ path: storageStatePath("customerA") });
    saveAccount("customerA", { email: "carla@example.test", password: PASSWORD, name: "Carla Customer" });
    await ctx.close();
  }
  for (const [role, name, email] of [["customerB", "Ben Bystander", "ben@example.test"]] as const) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signUp(page, { name, email, phone: "216-555-0100" }); // the form, then the emailed link to choose a password
    await signIn(page, email);
    await expect(page).toHaveURL(/\/portal$/);
    await ctx.storageState({ path: storageStatePath(role) });
    saveAccount(role, { email, password: PASSWORD, name });
    await ctx.close();
  }
});
