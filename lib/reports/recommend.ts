/**
 * Which recovery method to try first on a device, and why.
 *
 *   rankMethods(input)             pure ranking (tested with fixtures)
 *   loadRecommendationStats(db, …) observed results for similar devices
 *   recommendForDevice(actor, id)  both, for the job page (admin, or the technician assigned to a visit with the device)
 *
 * Order, first key first:
 *   1. methods the device cannot meet (a required recovery option is "no") go last;
 *   2. without a config backup, methods that wipe the configuration go after the
 *      non-destructive ones ("unclear" between the two);
 *   3. requirements known to be met before requirements not known;
 *   4. methods with enough data (>= MIN_MODEL_N attempts on this model, else
 *      >= MIN_SIMILAR_N on the same brand and kind) by observed success rate,
 *      before methods with thin data;
 *   5. the catalogue's own order (sort_order).
 */
import type { Brand, DeviceKind, RecoveryOption, RecoveryOptions, WipesConfig } from "@/db/schema";
import { BRAND_LABELS, KIND_PLURAL_LABELS } from "@/lib/values/labels";

export const MIN_MODEL_N = 20;
export const MIN_SIMILAR_N = 10;

export type RecDevice = { brand: Brand; kind: DeviceKind; model: string | null; recoveryOptions: RecoveryOptions; hasConfigBackup: boolean };
export type RecMethod = {
  id: string;
  name: string;
  brands: string[];
  kinds: string[];
  requiresOptions: RecoveryOption[];
  wipesConfig: WipesConfig;
  sortOrder: number;
  active?: boolean;
};
/** Final attempts (succeeded + failed + abandoned) and successes per method. */
export type MethodCounts = Map<string, { n: number; succeeded: number }>;
export type RecStats = { model: MethodCounts; similar: MethodCounts };

export type Eligibility = "meets" | "unknown" | "fails";
export type Recommendation = {
  methodId: string;
  name: string;
  rank: number;
  eligibility: Eligibility;
  wipesConfig: WipesConfig;
  /** Where the rate comes from: this model, the same brand and kind, or none (catalogue order). */
  basis: "model" | "similar" | "catalogue";
  n: number;
  succeeded: number;
  rate: number | null;
  reason: string;
};

function optionLabel(option: RecoveryOption, brand: Brand): string {
  switch (option) {
    case "recovery_email":
      return brand === "hikvision" ? "reserved email" : brand === "dahua" ? "registered email" : "recovery email";
    case "security_questions":
      return "security question answers";
    case "app_account":
      return brand === "hikvision" ? "owner's Hik-Connect account" : brand === "lorex" ? "owner's Lorex app account" : "owner's DMSS account";
    case "guid_file":
      return "GUID file";
    case "reset_button":
      return "reset button";
    case "unlock_pattern":
      return "unlock pattern";
  }
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

export function rankMethods(device: RecDevice, methods: RecMethod[], stats: RecStats): Recommendation[] {
  const similarDevices = `similar ${BRAND_LABELS[device.brand]} ${KIND_PLURAL_LABELS[device.kind]}`;
  const candidates = methods.filter((m) => m.active !== false && m.brands.includes(device.brand) && (m.kinds.length === 0 || m.kinds.includes(device.kind)));
  const scored = candidates.map((m) => {
    const states = m.requiresOptions.map((o) => ({ o, state: device.recoveryOptions[o] ?? "unknown" }));
    const eligibility: Eligibility = states.some((s) => s.state === "no") ? "fails" : states.every((s) => s.state === "yes") ? "meets" : "unknown";

    const model = device.model ? stats.model.get(m.id) : undefined;
    const similar = stats.similar.get(m.id) ?? { n: 0, succeeded: 0 };
    const basis: Recommendation["basis"] = model && model.n >= MIN_MODEL_N ? "model" : similar.n >= MIN_SIMILAR_N ? "similar" : "catalogue";
    const used = basis === "model" ? model! : similar;
    const rate = basis === "catalogue" ? null : used.succeeded / used.n;

    const parts: string[] = [];
    if (basis === "model")
      parts.push(`${pct(rate!)} of ${used.n} attempts on ${BRAND_LABELS[device.brand]} ${device.model} ${KIND_PLURAL_LABELS[device.kind]}`);
    else if (basis === "similar") parts.push(`${pct(rate!)} of ${used.n} ${similarDevices}`);
    else if (similar.n > 0) parts.push(`only ${similar.n} ${similar.n === 1 ? "attempt" : "attempts"} on ${similarDevices} so far: catalogue order`);
    else parts.push(`no results on ${similarDevices} yet: catalogue order`);
    for (const { o, state } of states) {
      const label = optionLabel(o, device.brand);
      parts.push(
        state === "yes"
          ? `needs the ${label}, which this device has`
          : state === "no"
            ? `needs the ${label}, which this device does not have`
            : `needs the ${label}; not known whether this device has it`,
      );
    }
    if (m.wipesConfig !== "no") {
      const what = m.wipesConfig === "yes" ? "wipes the configuration" : "may wipe the configuration";
      parts.push(device.hasConfigBackup ? `${what} (a backup exists)` : `${what} and there is no backup: try the others first`);
    }

    const destructive = device.hasConfigBackup ? 0 : m.wipesConfig === "yes" ? 2 : m.wipesConfig === "unclear" ? 1 : 0;
    const key = [
      eligibility === "fails" ? 1 : 0,
      destructive,
      eligibility === "meets" ? 0 : 1,
      basis === "catalogue" ? 1 : 0,
      rate === null ? 0 : -rate,
      m.sortOrder,
    ];
    return {
      key,
      rec: {
        methodId: m.id,
        name: m.name,
        rank: 0,
        eligibility,
        wipesConfig: m.wipesConfig,
        basis,
        n: used.n,
        succeeded: used.succeeded,
        rate,
        reason: capitalise(parts.join("; ")),
      },
    };
  });
  scored.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
    return a.rec.methodId.localeCompare(b.rec.methodId);
  });
  return scored.map((s, i) => ({ ...s.rec, rank: i + 1 }));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
