/**
 * The technician's phone for the offline journeys (e2e/offline.spec.ts,
 * e2e/offline-sync.spec.ts): a signed-in phone with the service worker in
 * control, the server's copy of a job, and logging an attempt from the playbook.
 */
import { expect, type Browser, type BrowserContext, type CDPSession, type Page } from "@playwright/test";
import { PHONE, signIn } from "./helpers";
import { OFFLINE } from "./offline-fixtures";

export type Attempt = {
  seq: number;
  methodId: string;
  outcome: string;
  durationSeconds: number;
  startedAt: string | null;
  endedAt: string | null;
  technicianId: string;
};
export type Job = {
  visit: { status: string; technicianName: string | null; startsAt: string };
  authorization: { personName: string } | null;
  checklist: { patternLockSet: string; configExported: string; recoveryEmailUpdated: string } | null;
  devices: { id: string; attempts: Attempt[] }[];
};

/**
 * A phone in a basement reports `navigator.onLine === false`. Chromium 150 under Playwright 1.65 reports true on
 * a page navigated or opened while the context is offline, though every request of it fails (the emulation is not
 * carried to the new document; microsoft/playwright#42174): the app would show itself online with no network.
 * While the context is offline, each page's emulation is applied again after each navigation, through a CDP
 * session of our own, which `setOffline(false)` also lifts.
 */
export function followOffline(ctx: BrowserContext) {
  let offline = false;
  const sessions = new Set<CDPSession>();
  const emulate = (s: CDPSession, off: boolean) =>
    s.send("Network.emulateNetworkConditions", { offline: off, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }).catch(() => sessions.delete(s));
  const setOffline = ctx.setOffline.bind(ctx);
  ctx.setOffline = async (value: boolean) => {
    offline = value;
    if (!value) await Promise.all([...sessions].map((s) => emulate(s, false)));
    await setOffline(value);
  };
  const watch = (page: Page) =>
    page.on("framenavigated", (frame) => {
      if (!offline || frame !== page.mainFrame()) return;
      void ctx
        .newCDPSession(page)
        .then((s) => (sessions.add(s), emulate(s, true)))
        .catch(() => {});
    });
  ctx.pages().forEach(watch);
  ctx.on("page", watch);
}

/** A fresh phone (browser context) with the technician signed in on /tech, the service worker in control and the day in the store. */
export async function phone(browser: Browser, who: { email: string } = OFFLINE.olga): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: PHONE });
  followOffline(ctx);
  const page = await ctx.newPage();
  await signIn(page, who.email);
  await expect(page).toHaveURL(/\/tech$/);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === "activated");
  await expect(page.getByTestId("sync-status")).toContainText("synced");
  return { ctx, page };
}

/** The server's copy of a job (the phone's own endpoint, as the signed-in technician). */
export async function serverJob(page: Page, visitId: string): Promise<Job> {
  const res = await page.request.get(`/api/field/jobs/${visitId}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Job;
}

export async function logAttempt(page: Page, method: string, outcome: string, save: string | RegExp) {
  await page.getByRole("button", { name: new RegExp(`^Try ${method.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).click();
  const sheet = page.getByRole("dialog", { name: method });
  await sheet.getByLabel(outcome, { exact: true }).check();
  await sheet.getByRole("button", { name: save }).click();
  await expect(sheet).toBeHidden();
}
