import { expect, type Page } from "@playwright/test";

/** The step-by-step forms (booking, admin booking): go to the next step, and check which step is showing. */
export const next = (page: Page) => page.getByRole("button", { name: "Next", exact: true }).click();
export const stepIs = async (page: Page, title: string) => expect(page.getByRole("heading", { name: title, level: 2 })).toBeVisible();
