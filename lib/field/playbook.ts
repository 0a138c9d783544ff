/**
 * The recovery playbook for one device: which catalogue methods apply, in
 * what order, and what to warn about. Pure, so the measured-success ranking
 * (lib/reports/recommend.ts) can be plugged in through `rank` later.
 *
 * Order: methods the device can use, by `rank` (lower first) when given
 * (lib/reports/recommend.ts: expected time to unlock; an option nobody has
 * checked counts as an even chance, not as met; methods tried on this device
 * without success after the others), else by the catalogue's own order; then
 * methods whose requirement the device is KNOWN to lack (option answered
 * "no"), greyed, with the reason.
 */
import type { Brand, DeviceKind, RecoveryMethod, RecoveryOptions, WarrantySeal } from "@/db/schema";
import { BRAND_LABELS, KIND_LABELS, RECOVERY_OPTION_LABELS } from "@/lib/values/labels";
import type { TriedMethod } from "@/lib/reports/recommend";

export type PlaybookMethod = Pick<
  RecoveryMethod,
  | "id"
  | "name"
  | "brands"
  | "kinds"
  | "requirements"
  | "requiresOptions"
  | "wipesConfig"
  | "vendorPending"
  | "typicalTime"
  | "typicalMinutes"
  | "vendorWaitMinutes"
  | "steps"
  | "warnings"
  | "sortOrder"
  | "requiresDescription"
  | "active"
>;
export type PlaybookDevice = { brand: Brand; kind: DeviceKind; recoveryOptions: RecoveryOptions; warrantySeal: WarrantySeal };

export type PlaybookEntry = {
  method: PlaybookMethod;
  /** Why the device cannot use this method (known lacking requirement), or null. */
  lacking: string | null;
  /** Shown loudly on methods that wipe (or may wipe) the configuration. */
  wipesWarning: string | null;
  /** Extra cautions that depend on this device (e.g. an intact warranty seal). */
  cautions: string[];
  /** Why it is ranked where it is, from measured results (lib/reports/recommend.ts), when known. */
  recommendation: string | null;
  /** Its latest outcome on this device, when it was tried here before (any visit). */
  tried: TriedMethod | null;
};

export const WIPES_WARNING = "Wipes the configuration: export or locate a config backup first.";
export const MAY_WIPE_WARNING = "May reset the configuration: export or locate a config backup first.";

/** Does this method apply to this device at all (brand, kind, still in the catalogue)? */
export function methodApplies(method: Pick<PlaybookMethod, "brands" | "kinds" | "active">, device: { brand: Brand; kind: DeviceKind }) {
  return method.active && method.brands.includes(device.brand) && (method.kinds.length === 0 || method.kinds.includes(device.kind));
}

/** Why a method does not apply to a device, for error messages; null when it applies. */
export function whyNotApplicable(
  method: Pick<PlaybookMethod, "name" | "brands" | "kinds" | "active">,
  device: { brand: Brand; kind: DeviceKind },
): string | null {
  if (!method.active) return `${method.name} is no longer in the catalogue.`;
  if (!method.brands.includes(device.brand)) {
    return `${method.name} is a ${method.brands.map((b) => BRAND_LABELS[b]).join("/")} method; this device is a ${BRAND_LABELS[device.brand]} ${KIND_LABELS[device.kind]}.`;
  }
  if (method.kinds.length > 0 && !method.kinds.includes(device.kind)) {
    return `${method.name} is for ${method.kinds.map((k) => KIND_LABELS[k]).join(" and ")} units, not a ${KIND_LABELS[device.kind]}.`;
  }
  return null;
}

export function lackingReason(method: Pick<PlaybookMethod, "requiresOptions">, options: RecoveryOptions): string | null {
  const missing = method.requiresOptions.filter((o) => options[o] === "no");
  if (missing.length === 0) return null;
  return `Needs ${missing.map((o) => RECOVERY_OPTION_LABELS[o].toLowerCase()).join(" and ")}, which this device does not have.`;
}

export function buildPlaybook(
  methods: readonly PlaybookMethod[],
  device: PlaybookDevice,
  opts: { rank?: ReadonlyMap<string, number>; reasons?: ReadonlyMap<string, string>; tried?: ReadonlyMap<string, TriedMethod> } = {},
): PlaybookEntry[] {
  const entries = methods
    .filter((m) => methodApplies(m, device))
    .map<PlaybookEntry>((method) => {
      const cautions: string[] = [];
      if (device.warrantySeal === "intact" && /warrant/i.test(method.requirements + " " + method.warnings.join(" "))) {
        cautions.push("This device's warranty seal is intact: opening the case may void the warranty.");
      }
      return {
        method,
        lacking: lackingReason(method, device.recoveryOptions ?? {}),
        wipesWarning: method.wipesConfig === "yes" ? WIPES_WARNING : method.wipesConfig === "unclear" ? MAY_WIPE_WARNING : null,
        cautions,
        recommendation: opts.reasons?.get(method.id) ?? null,
        tried: opts.tried?.get(method.id) ?? null,
      };
    });
  const rankOf = (m: PlaybookMethod) => opts.rank?.get(m.id) ?? Number.POSITIVE_INFINITY;
  return entries.sort((a, b) => {
    if (!!a.lacking !== !!b.lacking) return a.lacking ? 1 : -1;
    const r = rankOf(a.method) - rankOf(b.method);
    if (r !== 0 && !Number.isNaN(r)) return r;
    return a.method.sortOrder - b.method.sortOrder || a.method.id.localeCompare(b.method.id);
  });
}
