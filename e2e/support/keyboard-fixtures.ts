/** Fixed ids of the keyboard-journey fixture (e2e/seeders/75-keyboard.ts), used only by e2e/keyboard-tech.spec.ts. */
export const KEYS = {
  /** Terry, today (company time zone), scheduled: a Dahua NVR and a Hikvision NVR of Kim Keyboard (no login). */
  visit: "4b3d0000-0000-4000-8000-000000000001",
  ref: "FK-KEYS01",
  customer: "Kim Keyboard",
  dahuaModel: "NVR5216-4KS2",
  hikModel: "DS-7616NI-K2",
} as const;
