/**
 * The recovery-method catalogue, from ../shared/docs/domain.md and the seed
 * guide. This is data: it is upserted into `recovery_methods` at start-up,
 * and adding a method needs no migration. Claimed rates are the seed guide's
 * claims (Dahua only), stored as claims, never as measurements.
 */
import { DAHUA_METHODS } from "./methods/dahua";
import { HIKVISION_METHODS } from "./methods/hikvision";
import { LOREX_METHODS } from "./methods/lorex";
import type { MethodSeed } from "./methods/shared";

/** Every method, one file a brand (db/seed/methods), then the catch-all any brand can use. */
export const RECOVERY_METHODS: MethodSeed[] = [
  ...DAHUA_METHODS,
  ...HIKVISION_METHODS,
  ...LOREX_METHODS,
  {
    id: "other",
    name: "Other (describe)",
    brands: ["dahua", "lorex", "hikvision"],
    requirements: "Anything not in the catalogue; describe exactly what was done.",
    requiresOptions: [],
    wipesConfig: "unclear",
    vendorPending: false,
    typicalTime: "varies",
    typicalMinutes: null,
    steps: ["Describe exactly what was done so the company can add it to the catalogue if it works."],
    sortOrder: 1000,
    requiresDescription: true,
  },
];
