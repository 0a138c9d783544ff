/**
 * Keyboard-only helpers for e2e/keyboard.spec.ts: everything here moves with Tab, Shift+Tab,
 * arrows, Enter and Space, never the mouse, so a journey built from them proves that each
 * control is reachable in tab order and operable from the keyboard.
 */
import fs from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";

/** A readable name of the focused element, for failure messages. */
function focusedDescription(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "(body)";
    const name = el.getAttribute("aria-label") ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? "";
    const role = el.getAttribute("role") ?? el.tagName.toLowerCase();
    const type = el instanceof HTMLInputElement ? `[${el.type}]` : "";
    return `${role}${type} "${name.replace(/\s+/g, " ").trim().slice(0, 50)}"${el.id ? ` #${el.id}` : ""}`;
  });
}

const isFocused = (target: Locator) => target.evaluateAll((els) => els.some((el) => el === document.activeElement)).catch(() => false);

/**
 * Presses Tab (or Shift+Tab) until the target (or any element it matches) has focus, at most
 * `max` times; fails listing every element that got focus on the way.
 */
export async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}) {
  const max = opts.max ?? 40;
  await expect(target.first(), `tabTo: the target should be on the page (${target})`).toBeAttached();
  const seen: string[] = [];
  for (let i = 0; i <= max; i++) {
    if (await isFocused(target)) return;
    if (i === max) break;
    await page.keyboard.press(opts.back ? "Shift+Tab" : "Tab");
    seen.push(await focusedDescription(page));
  }
  throw new Error(`tabTo: ${target} never got focus in ${max} ${opts.back ? "Shift+Tab" : "Tab"} presses on ${page.url()}. Focus went to:\n  ${seen.join("\n  ")}`);
}

/** Tabs to a field and types into it. */
export async function typeInto(page: Page, field: Locator, text: string, opts: { back?: boolean; max?: number } = {}) {
  await tabTo(page, field, opts);
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}

/** Tabs to a control and presses Enter (or Space). */
export async function activate(page: Page, control: Locator, opts: { back?: boolean; max?: number; key?: "Enter" | "Space" } = {}) {
  await tabTo(page, control, opts);
  await page.keyboard.press(opts.key ?? "Enter");
}

/** Tabs into a radio group and moves with the arrow keys until `label` is checked. */
export async function chooseRadio(page: Page, group: Locator, label: string, opts: { back?: boolean; max?: number } = {}) {
  const radios = group.getByRole("radio");
  const target = group.getByRole("radio", { name: label, exact: true });
  await tabTo(page, radios, opts);
  const count = await radios.count();
  for (let i = 0; i <= count && !(await target.isChecked()); i++) {
    // In a group with nothing checked, Tab lands on the first radio unchecked: Space checks it.
    if (await isFocused(target)) await page.keyboard.press("Space");
    else await page.keyboard.press("ArrowRight");
  }
  await expect(target).toBeChecked();
  await expect(target).toBeFocused();
}

/** Tabs to a <select> and presses ArrowDown/ArrowUp until the option with this label (or starting with it and a space) is selected. */
export async function chooseOption(page: Page, select: Locator, label: string, opts: { back?: boolean; max?: number } = {}) {
  await tabTo(page, select, opts);
  const selected = () => select.evaluate((el: HTMLSelectElement) => el.selectedIndex);
  const labels = await select.evaluate((el: HTMLSelectElement) => [...el.options].map((o) => o.textContent?.trim() ?? ""));
  const want = labels.findIndex((l) => l === label || l.startsWith(`${label} `));
  expect(want, `option "${label}" in ${labels.join(" | ")}`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < labels.length && (await selected()) !== want; i++) await page.keyboard.press((await selected()) < want ? "ArrowDown" : "ArrowUp");
  expect(labels[await selected()]).toBe(labels[want]);
}

/** The focused control shows a visible focus indicator (an outline or a box-shadow ring). */
export async function expectFocusRing(target: Locator) {
  await expect(target).toBeFocused();
  const style = await target.evaluate((el) => {
    const s = getComputedStyle(el);
    return { outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow };
  });
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1 && !/rgba\(.*, 0\)$/.test(style.outlineColor);
  expect(outline || style.boxShadow !== "none", `${target} should show a focus indicator when focused by keyboard: ${JSON.stringify(style)}`).toBe(true);
}

/** Nothing on the page is wider than the screen. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `${page.url()} scrolls sideways: ${scrollWidth}px of content in ${clientWidth}px`).toBeLessThanOrEqual(clientWidth);
}

/** Each matched element is at least `min` × `min` CSS px (a touch target). */
export async function expectTouchTarget(target: Locator, min = 44) {
  for (const el of await target.all()) {
    const box = await el.boundingBox();
    expect(box, `${el} should be visible`).not.toBeNull();
    expect(Math.round(box!.width), `${el} width`).toBeGreaterThanOrEqual(min);
    expect(Math.round(box!.height), `${el} height`).toBeGreaterThanOrEqual(min);
  }
}

const SHOTS = "test-results/screens";
/** A screenshot of the viewport (where the focus is) under test-results/screens/keyboard-<name>.png. */
export async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/keyboard-${name}.png` });
}
