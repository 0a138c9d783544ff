/**
 * The booking-rule settings as the settings form shows them: label and help
 * text per number. Client-safe. Where the wording describes a rule, a test
 * checks the rule against it (lib/settings/fields.test.ts), so the two cannot
 * drift apart.
 */
import type { z } from "zod";
import type { generalSettingsSchema } from "./schema";

type General = z.infer<typeof generalSettingsSchema>;
/** The number settings of the main settings form (billing numbers have their own form). */
export type NumberSettingKey = {
  [K in keyof General]: General[K] extends number ? K : never;
}[keyof General];

export type NumberSettingField = { key: NumberSettingKey; label: string; hint: string };

export const NUMBER_SETTING_FIELDS: readonly NumberSettingField[] = [
  { key: "slotStepMinutes", label: "Slot step (minutes)", hint: "Offered start times are this far apart, e.g. 30." },
  { key: "minNoticeMinutes", label: "Minimum notice (minutes)", hint: "How soon a customer may book, e.g. 120 for two hours." },
  { key: "horizonDays", label: "Booking horizon (days)", hint: "How far ahead customers may book." },
  { key: "travelBufferMinutes", label: "Travel buffer (minutes)", hint: "Kept free after each visit before the next one." },
  { key: "visitBaseMinutes", label: "Visit base length (minutes)", hint: "Length of a visit for its first device." },
  { key: "visitPerDeviceMinutes", label: "Extra minutes for each further device", hint: "Added for each further device after the first." },
  { key: "cancelCutoffHours", label: "Cancel cut-off (hours)", hint: "Customers may cancel or reschedule until this long before the start." },
  { key: "vendorCaseDueHours", label: "Vendor case due after (hours)", hint: "When a case waiting on a vendor counts as overdue." },
];

export const settingField = (key: NumberSettingKey) => NUMBER_SETTING_FIELDS.find((f) => f.key === key)!;
