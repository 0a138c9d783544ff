import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PAGE_ROUTES, type Visitor } from "./support/routes";
import { contextAs, formMessage, passSecondFactor, PASSWORD, PHONE, requestSignUp, signIn, signUp, toasts, unique } from "./support/helpers";
import { linkFromMail } from "./support/mailbox";
import { callAction, describeOutcome } from "./support/server-actions";
import { actionByKey } from "./support/visitors";
import { ROOT } from "./support/server";
import { account, readState, storageStatePath } from "./support/state";

test.describe("authorization matrix: every page × every kind of visitor", () => {
  for (const visitor of ["anon", "admin", "tech", "otherTech", "customerA", "customerB"] as Exclude<Visitor, "disabled">[]) {
    test(`as ${visitor}`, async ({ playwright, baseURL }) => {
      const ctx = await playwright.request.newContext({
        baseURL,
        storageState: visitor === "anon" ? undefined : storageStatePath(visitor),
      });
      const failures: string[] = [];
      for (const route of PAGE_ROUTES) {
        const res = await ctx.get(route.path, { maxRedirects: 0 });
        const expected = route[visitor];
        const location = res.headers()["location"] ?? "";
        const got =
          res.status() === 200
            ? "ok"
            : [302, 303, 307, 308].includes(res.status()) && location.includes("/signin")
              ? "signin"
              : res.status() === 403
                ? "forbidden"
                : res.status() === 404
                  ? "notfound"
                  : `status ${res.status()} ${location}`;
        if (got !== expected) failures.push(`${route.path}: expected ${expected}, got ${got}`);
      }
      expect(failures).toEqual([]);
      await ctx.dispose();
    });
  }
});

test.describe("signing up and in", () => {
  test("sign-up shows specific errors for bad input and creates nothing", async ({ page }) => {
    await page.goto("/signup");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter a name.")).toBeVisible();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await page.getByLabel("Full name").fill("Someone");
    await page.getByLabel("Email").fill("not an email");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    // The error is tied to its field for screen readers.
    const email = page.getByLabel("Email");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#${await email.getAttribute("aria-describedby").then((d) => d!.split(" ").pop())}`)).toContainText("valid email");
  });

  test("sign-up answers an email that has an account exactly as a new one, and tells only the owner, by email (finding 9)", async ({ page }) => {
    const answers: string[] = [];
    for (const email of ["CARLA@EXAMPLE.TEST", `copy-${unique()}@example.test`]) {
      await requestSignUp(page, { name: "Copy Cat", email });
      await expect(formMessage(page)).toContainText("Check your email");
      await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
      answers.push((await formMessage(page).textContent()) ?? "");
    }
    expect(answers[0]).toBe(answers[1]);
    await expect(page).toHaveURL(/\/signup$/);
    // Carla's mailbox says she already has an account, and where to sign in.
    expect(await linkFromMail("carla@example.test", /http:\/\/\S+\/forgot-password/)).toMatch(/\/forgot-password$/);
  });

  test("sign-up is limited per address: the sixth in an hour from one network is refused (finding 3)", async ({ playwright, baseURL }) => {
    const ctx = await playwright.request.newContext({ baseURL });
    const signUpAction = actionByKey("app/(auth)/actions.ts#signUpAction");
    const from = { "X-Forwarded-For": "192.0.2.77" };
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(describeOutcome(await callAction(ctx, signUpAction, { name: "Flood", email: `flood-${unique()}@example.test` }, { headers: from })));
    }
    expect(outcomes).toEqual(["ok", "ok", "ok", "ok", "ok", "429"]);
    expect(
      describeOutcome(
        await callAction(ctx, signUpAction, { name: "Other", email: `other-${unique()}@example.test` }, { headers: { "X-Forwarded-For": "192.0.2.78" } }),
      ),
    ).toBe("ok");
    await ctx.dispose();
  });

  test("a wrong password gets one plain message; repeated failures are throttled", async ({ page }) => {
    const email = `throttle-${unique()}@example.test`;
    await signUp(page, { name: "Throttle Me", email });
    for (let i = 0; i < 5; i++) {
      await signIn(page, email, `wrong-password-${i}`);
      await expect(formMessage(page)).toContainText("The email or password is incorrect.");
    }
    await signIn(page, email, PASSWORD);
    await expect(formMessage(page)).toContainText(/Too many failed sign-ins\. Try again in \d+ (seconds|minutes?)/);
    await expect(page).toHaveURL(/\/signin/);
  });

  test("signed-out visitors are sent to sign in and come back where they were going", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/signin\?next=%2Fadmin%2Fusers/);
    await page.getByLabel("Email").fill("ada@fieldkey.test");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await passSecondFactor(page, account("admin")); // the admin's second step keeps where they were going
    await expect(page).toHaveURL(/\/admin\/users$/);
  });

  test("a tampered session cookie is treated as signed out, never a server error", async ({ browser, baseURL }) => {
    const ctx = await browser.newContext();
    await ctx.addCookies([{ name: "authjs.session-token", value: "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..tampered.value.here", url: baseURL! }]);
    const page = await ctx.newPage();
    const res = await page.goto("/portal");
    expect(res!.status()).toBeLessThan(500);
    await expect(page).toHaveURL(/\/signin/);
    await ctx.close();
  });
});

test.describe("admin changes take effect on the very next request", () => {
  test("disabling a user signs them out at once; enabling lets them back in", async ({ browser }) => {
    const email = `disable-${unique()}@example.test`;
    const userCtx = await browser.newContext();
    const user = await userCtx.newPage();
    await signUp(user, { name: `Dis ${email}`, email });
    await signIn(user, email);
    await expect(user).toHaveURL(/\/portal$/);

    const admin = await (await contextAs(browser, "admin")).newPage();
    await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await admin.getByRole("button", { name: `Disable Dis ${email}` }).click();
    await expect(admin.getByTestId(`user-row-${email}`)).toContainText("Disabled");

    await user.goto("/portal");
    await expect(user).toHaveURL(/\/signin/);
    await signIn(user, email);
    await expect(formMessage(user)).toContainText("incorrect");

    await admin.getByRole("button", { name: `Enable Dis ${email}` }).click();
    await expect(admin.getByTestId(`user-row-${email}`)).toContainText("Active");
    await signIn(user, email);
    await expect(user).toHaveURL(/\/portal$/);
    await userCtx.close();
  });

  test("changing a role ends the old session", async ({ browser }) => {
    const admin = await (await contextAs(browser, "admin")).newPage();
    const email = `role-${unique()}@example.test`;
    await admin.goto("/admin/users");
    const add = admin.getByRole("form", { name: "Add staff" });
    await add.getByLabel("Full name").fill(`Role ${email}`);
    await add.getByLabel("Email", { exact: true }).fill(email);
    await add.getByLabel("Initial password").fill(PASSWORD);
    await add.getByRole("button", { name: "Add person" }).click();
    await expect(toasts(admin)).toContainText(`Account created for ${email}`);

    const techCtx = await browser.newContext();
    const tech = await techCtx.newPage();
    await signIn(tech, email);
    await expect(tech).toHaveURL(/\/tech$/);

    await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await admin.getByLabel(`Role of Role ${email}`).selectOption("customer");
    await expect(async () => {
      await tech.goto("/tech");
      await expect(tech).toHaveURL(/\/signin/);
    }).toPass();
    await signIn(tech, email);
    await expect(tech).toHaveURL(/\/portal$/);
    await techCtx.close();
  });
});

test.describe("platform", () => {
  test("security headers on pages and the API, and a health check", async ({ request }) => {
    const page = await request.get("/");
    const h = page.headers();
    expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).not.toContain("unsafe-inline' 'strict"); // scripts are nonce-only
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-frame-options"]).toBe("DENY");
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(health.headers()["x-content-type-options"]).toBe("nosniff");
    expect(await health.json()).toMatchObject({ status: "ok", database: readState()!.databaseKind });
  });

  test("a second server on the same embedded database refuses to start and touches nothing", async ({ request }) => {
    const state = readState()!;
    // On the embedded run the journeys' own server holds the lock. On the PostgreSQL run a
    // stand-in process holds the lock of a fresh embedded directory instead.
    let dataDir = state.dataDir;
    let holder: ReturnType<typeof spawn> | null = null;
    if (state.databaseKind !== "pglite") {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fk-lock-e2e-"));
      holder = spawn(process.execPath, [
        "-e",
        `require("fs").writeFileSync(${JSON.stringify(path.join(dataDir, "pglite.lock"))}, String(process.pid)); setInterval(() => {}, 1000)`,
      ]);
      await expect.poll(() => fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(true);
    }
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(Number(process.env.E2E_PORT ?? 3210) + 89)],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: "production", FIELDKEY_DATA_DIR: dataDir, DATABASE_URL: undefined },
        detached: true,
      },
    );
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => {
      const t = setTimeout(() => {
        process.kill(-child.pid!, "SIGKILL");
        resolve(null);
      }, 30_000);
      child.on("exit", (c) => {
        clearTimeout(t);
        resolve(c);
      });
    });
    holder?.kill("SIGKILL");
    expect(code).toBe(1);
    expect(output).toContain("is in use by another FieldKey process");
    if (holder) expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false); // nothing opened or created
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("home page reads well on a phone and a desktop", async ({ browser }) => {
    for (const [name, viewport] of [
      ["phone", PHONE],
      ["desktop", { width: 1280, height: 900 }],
    ] as const) {
      const ctx = await browser.newContext({ viewport });
      const page = await ctx.newPage();
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Locked out");
      await expect(page.getByRole("link", { name: "Book a visit" })).toBeVisible();
      await page.screenshot({ path: `test-results/screens/home-${name}.png`, fullPage: true });
      await ctx.close();
    }
  });
});
