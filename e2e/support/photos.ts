import sharp from "sharp";
import type { Page } from "@playwright/test";

/** A camera-sized JPEG of one colour (the phone shrinks it before upload). */
export const cameraShot = (r: number, g: number, b: number) =>
  sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();

/** Photograph a device on the job page: say what the photo shows, then take it with the camera or pick it. */
export async function takePhoto(
  page: Page,
  device: string,
  kind: string,
  how: "Take a photo" | "Choose a photo",
  name: string,
  color: [number, number, number],
) {
  const d = page.getByTestId(`device-${device}`);
  await d.getByLabel("What does the photo show?").selectOption({ label: kind });
  await d.getByLabel(how).setInputFiles({ name, mimeType: "image/jpeg", buffer: await cameraShot(...color) });
}
