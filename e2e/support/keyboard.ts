/**
 * Keyboard-only helpers for e2e/keyboard-*.spec.ts: everything here moves with Tab, Shift+Tab,
 * arrows, Enter and Space, never the mouse, so a journey built from them proves that each
 * control is reachable in tab order and operable from the keyboard.
 */
import fs from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";

/** Whether the target (any element it matches) has the focus, and a readable name of what has it. */
function focusState(target: Locator) {
  return target
    .evaluateAll((els) => {
      const el = document.activeElement;
      const hit = els.some((e) => e === el);
      if (hit || !el || el === document.body) return { hit, what: "(body)" };
      const name = el.getAttribute("aria-label") ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? "";
      const type = el instanceof HTMLInputElement ? `[${el.type}]` : "";
      return {
        hit,
        what: `${el.getAttribute("role") ?? el.tagName.toLowerCase()}${type} "${name.replace(/\s+/g, " ").trim().slice(0, 50)}"${el.id ? ` #${el.id}` : ""}`,
      };
    })
    .catch(() => ({ hit: false, what: "(page changing)" }));
}

const isFocused = async (target: Locator) => (await focusState(target)).hit;

/**
 * Presses Tab (or Shift+Tab) until the target (or any element it matches) has focus, at most
 * `max` times; fails listing every element that got focus on the way.
 */
export async function tabTo(page: Page, target: Locator, opts: { back?: boolean; max?: number } = {}) {
  const max = opts.max ?? 40;
  await expect(target.first(), `tabTo: the target should be on the page (${target})`).toBeAttached();
  const seen: string[] = [];
  for (let i = 0; ; i++) {
    const now = await focusState(target);
    if (now.hit) return expectNotObscured(page);
    if (i > 0) seen.push(now.what);
    if (i === max) break;
    await page.keyboard.press(opts.back ? "Shift+Tab" : "Tab");
  }
  throw new Error(
    `tabTo: ${target} never got focus in ${max} ${opts.back ? "Shift+Tab" : "Tab"} presses on ${page.url()}. Focus went to:\n  ${seen.join("\n  ")}`,
  );
}

/**
 * The focused element is not hidden behind something else, e.g. a sticky bar (WCAG 2.4.11):
 * the topmost element in the middle of its visible part is the element itself, inside it, or its label.
 */
export async function expectNotObscured(page: Page) {
  const covered = await page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null;
    if (!focused || focused === document.body) return null;
    // A visually hidden control (a file input behind a button-like label) is seen through its label.
    const hidden = focused.getBoundingClientRect().width <= 1 && (focused as HTMLInputElement).labels?.[0];
    const el = hidden || focused;
    // The middle of its visible part (a tall text area is scrolled only as far as its caret).
    const r = el.getBoundingClientRect();
    const [x1, x2] = [Math.max(r.left, 0), Math.min(r.right, innerWidth)];
    const [y1, y2] = [Math.max(r.top, 0), Math.min(r.bottom, innerHeight)];
    if (x2 <= x1 || y2 <= y1) return "it is outside the viewport";
    const top = document.elementFromPoint((x1 + x2) / 2, (y1 + y2) / 2);
    if (!top) return "it is outside the viewport";
    const label = (focused as HTMLInputElement).labels?.[0];
    if (el.contains(top) || label?.contains(top)) return null;
    return `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}" is covered by ${top.tagName.toLowerCase()}.${[...top.classList].slice(0, 4).join(".")}`;
  });
  expect(covered, `the focused control should be visible: ${covered}`).toBeNull();
}

/** Tabs to a field and types into it. */
export async function typeInto(page: Page, field: Locator, text: string, opts: { back?: boolean; max?: number } = {}) {
  await tabTo(page, field, opts);
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}

/**
 * Tabs to a file input and opens its chooser with Space, as a keyboard user does; the file is given to the chooser
 * (Playwright's stand-in for the system dialog). The focus must be visible on the input or on its label.
 */
export async function chooseFile(
  page: Page,
  input: Locator,
  file: { name: string; mimeType: string; buffer: Buffer },
  opts: { back?: boolean; max?: number } = {},
) {
  await tabTo(page, input, opts);
  // A visually hidden input: the label that stands for it must show the ring.
  const hiddenLabelOutline = await input.evaluate((el: HTMLInputElement) => {
    const label = el.labels?.[0];
    return label && el.getBoundingClientRect().width <= 1 ? getComputedStyle(label).outlineStyle : null;
  });
  expect(hiddenLabelOutline, "the label of a hidden file input shows the keyboard focus").not.toBe("none");
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles(file);
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

/**
 * The focused control shows a visible focus indicator: an outline at least 1 px wide whose
 * colour has 3:1 contrast with the background behind it (WCAG 1.4.11), or a box-shadow ring.
 */
export async function expectFocusRing(target: Locator) {
  await expect(target).toBeFocused();
  const ring = await target.evaluate(async (el) => {
    // Buttons fade their colours in (transition-colors, outline included): measure the end state.
    await Promise.all(el.getAnimations().map((a) => a.finished.catch(() => null)));
    // Any CSS colour (Tailwind 4 uses oklch) to sRGB through a 1 × 1 canvas.
    const ctx = Object.assign(document.createElement("canvas"), { width: 1, height: 1 }).getContext("2d", { willReadFrequently: true })!;
    const rgba = (c: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = c;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data] as [number, number, number, number];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const s = getComputedStyle(el);
    // The outline is drawn outside the element (offset), over its parent's background.
    let behind: [number, number, number, number] = [255, 255, 255, 255];
    for (let p = el.parentElement; p; p = p.parentElement) {
      const bg = rgba(getComputedStyle(p).backgroundColor);
      if (bg[3] > 0) {
        behind = bg;
        break;
      }
    }
    const color = rgba(s.outlineColor);
    const [hi, lo] = [lum(color), lum(behind)].sort((a, b) => b - a);
    return {
      outlineStyle: s.outlineStyle,
      outlineWidth: parseFloat(s.outlineWidth),
      outlineColor: s.outlineColor,
      behind: `rgb(${behind.slice(0, 3).join(", ")})`,
      contrast: (hi! + 0.05) / (lo! + 0.05),
      boxShadow: s.boxShadow,
    };
  });
  const outline = ring.outlineStyle !== "none" && ring.outlineWidth >= 1;
  expect(outline || ring.boxShadow !== "none", `${target} should show a focus indicator when focused by keyboard: ${JSON.stringify(ring)}`).toBe(true);
  if (outline)
    expect(ring.contrast, `${target}: the focus outline should stand out from the background behind it (3:1): ${JSON.stringify(ring)}`).toBeGreaterThanOrEqual(
      3,
    );
}

/** Nothing on the page is wider than the screen. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} scrolls sideways: ${scrollWidth}px of content in ${clientWidth}px`).toBeLessThanOrEqual(clientWidth);
}

/** Each matched element is at least `min` × `min` CSS px (a touch target); fails listing every one that is smaller. */
export async function expectTouchTarget(target: Locator, min = 44) {
  const sizes = await target.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
      return { what: `${el.tagName.toLowerCase()} "${name}"`, width: Math.round(r.width), height: Math.round(r.height) };
    }),
  );
  expect(sizes.length, `${target} should match something`).toBeGreaterThan(0);
  const small = sizes.filter((s) => s.width < min || s.height < min).map((s) => `${s.what}: ${s.width} × ${s.height}`);
  expect(small, `touch targets under ${min} × ${min} px`).toEqual([]);
}

const SHOTS = "test-results/screens";
/** A screenshot of the viewport (where the focus is) under test-results/screens/keyboard-<name>.png. */
export async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/keyboard-${name}.png` });
}
