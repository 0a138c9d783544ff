/**
 * Which recovery method to try first on a device, and why: the methods likely
 * to unlock it soonest, as a technician on site wants them.
 *
 *   rankMethods(input)             pure ranking (tested with fixtures)
 *   loadRecommendationStats(db, …) observed results for similar devices
 *   recommendForDevice(actor, id)  both, for the job page (admin, or the technician assigned to a visit with the device)
 *
 * Expected time to unlock, per method: (minutes on site + the vendor's wait) ÷
 * the chance it works here. Trying methods in ascending order of that ratio
 * is the order that unlocks soonest on average (each try costs its time and
 * works with its chance).
 *   - chance: the measured success rate (this model with >= MIN_MODEL_N final
 *     attempts, else the same brand and kind), smoothed as (succeeded + 1) ÷
 *     (attempts + 2) so thin data counts a little and no data is an even
 *     chance; halved for each required recovery option not known to exist
 *     (unknown is not "met"); a known "no" means it cannot work.
 *   - minutes on site: the measured median of successful attempts of that
 *     method once >= MIN_DURATIONS exist, else the catalogue's typical_minutes.
 *   - the vendor's wait: vendor routes add their typical wait
 *     (vendor_wait_minutes, e.g. 24–48 h -> 36 h).
 *
 * Order, first key first:
 *   1. methods the device cannot meet (a required recovery option is "no") go last;
 *   2. methods already tried on this device without success (failed, abandoned)
 *      go after the untried ones, marked with their outcome;
 *   3. without a config backup, methods that wipe the configuration go after the
 *      non-destructive ones ("unclear" between the two);
 *   4. expected time to unlock, soonest first;
 *   5. the catalogue's own order (sort_order).
 */
import type { AttemptOutcome, Brand, DeviceKind, RecoveryOption, RecoveryOptions, WipesConfig } from "@/lib/values";
import { BRAND_LABELS, KIND_PLURAL_LABELS } from "@/lib/values/labels";

export const MIN_MODEL_N = 20;
export const MIN_SIMILAR_N = 10;
/** Successful attempts with a duration needed before their median replaces the catalogue's minutes. */
export const MIN_DURATIONS = 10;
/** The chance a recovery option nobody has checked was set up. */
export const UNKNOWN_OPTION_CHANCE = 0.5;
const DEFAULT_MINUTES = 20;
const DEFAULT_VENDOR_WAIT_MINUTES = 36 * 60;

/** The latest outcome of a method on this very device (any visit), with the visit's reference. */
export type TriedMethod = { outcome: AttemptOutcome; reference?: string };

export type RecDevice = {
  brand: Brand;
  kind: DeviceKind;
  model: string | null;
  recoveryOptions: RecoveryOptions;
  hasConfigBackup: boolean;
  tried?: ReadonlyMap<string, TriedMethod>;
};
export type RecMethod = {
  id: string;
  name: string;
  brands: string[];
  kinds: string[];
  requiresOptions: RecoveryOption[];
  wipesConfig: WipesConfig;
  sortOrder: number;
  active?: boolean;
  vendorPending?: boolean;
  typicalTime?: string;
  typicalMinutes?: number | null;
  vendorWaitMinutes?: number | null;
};
/** Final attempts (succeeded + failed + abandoned) and successes per method. */
export type MethodCounts = Map<string, { n: number; succeeded: number }>;
/** Median minutes of successful attempts per method, and how many there were. */
export type MethodMinutes = ReadonlyMap<string, { n: number; median: number }>;
export type RecStats = { model: MethodCounts; similar: MethodCounts; minutes?: MethodMinutes };

/** meets: every required option is known to exist; unknown: some not known; fails: one is known missing; none: no device option required. */
export type Eligibility = "meets" | "unknown" | "fails" | "none";
export type Recommendation = {
  methodId: string;
  name: string;
  rank: number;
  eligibility: Eligibility;
  wipesConfig: WipesConfig;
  /** Where the rate comes from: this model, the same brand and kind, or none (catalogue). */
  basis: "model" | "similar" | "catalogue";
  n: number;
  succeeded: number;
  rate: number | null;
  /** Expected minutes until the device is unlocked if this method is tried next (Infinity when it cannot work). */
  expectedMinutes: number;
  /** Its latest outcome on this device, if it was tried here before. */
  tried: TriedMethod | null;
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
const OUTCOME_WORDS: Record<AttemptOutcome, string> = {
  succeeded: "succeeded",
  failed: "failed",
  abandoned: "abandoned",
  waiting_vendor: "waiting on the vendor",
};
const notWorked = (t: TriedMethod | null | undefined) => !!t && (t.outcome === "failed" || t.outcome === "abandoned");

export function rankMethods(device: RecDevice, methods: RecMethod[], stats: RecStats): Recommendation[] {
  const similarDevices = `similar ${BRAND_LABELS[device.brand]} ${KIND_PLURAL_LABELS[device.kind]}`;
  const candidates = methods.filter((m) => m.active !== false && m.brands.includes(device.brand) && (m.kinds.length === 0 || m.kinds.includes(device.kind)));
  const scored = candidates.map((m) => {
    const states = m.requiresOptions.map((o) => ({ o, state: device.recoveryOptions[o] ?? "unknown" }));
    const eligibility: Eligibility =
      states.length === 0 ? "none" : states.some((s) => s.state === "no") ? "fails" : states.every((s) => s.state === "yes") ? "meets" : "unknown";

    const model = device.model ? stats.model.get(m.id) : undefined;
    const similar = stats.similar.get(m.id) ?? { n: 0, succeeded: 0 };
    const basis: Recommendation["basis"] = model && model.n >= MIN_MODEL_N ? "model" : similar.n >= MIN_SIMILAR_N ? "similar" : "catalogue";
    const used = basis === "model" ? model! : similar;
    const rate = basis === "catalogue" ? null : used.succeeded / used.n;

    const unknownOptions = states.filter((s) => s.state === "unknown").length;
    const chance = eligibility === "fails" ? 0 : ((used.succeeded + 1) / (used.n + 2)) * UNKNOWN_OPTION_CHANCE ** unknownOptions;
    const measured = stats.minutes?.get(m.id);
    const onSite = measured && measured.n >= MIN_DURATIONS ? measured.median : (m.typicalMinutes ?? DEFAULT_MINUTES);
    const wait = m.vendorPending ? (m.vendorWaitMinutes ?? DEFAULT_VENDOR_WAIT_MINUTES) : 0;
    const expectedMinutes = chance > 0 ? (onSite + wait) / chance : Number.POSITIVE_INFINITY;
    const tried = device.tried?.get(m.id) ?? null;

    const parts: string[] = [];
    if (tried) {
      const where = tried.reference ? ` (${tried.reference})` : "";
      parts.push(tried.outcome === "succeeded" ? `worked on this device before${where}` : `tried on this device${where}: ${OUTCOME_WORDS[tried.outcome]}`);
    }
    if (basis === "model")
      parts.push(`${pct(rate!)} of ${used.n} attempts on ${BRAND_LABELS[device.brand]} ${device.model} ${KIND_PLURAL_LABELS[device.kind]}`);
    else if (basis === "similar") parts.push(`${pct(rate!)} of ${used.n} ${similarDevices}`);
    else if (similar.n > 0) parts.push(`only ${similar.n} ${similar.n === 1 ? "attempt" : "attempts"} on ${similarDevices} so far`);
    else parts.push(`no results on ${similarDevices} yet`);
    const time =
      measured && measured.n >= MIN_DURATIONS ? `about ${Math.max(1, Math.round(measured.median))} min on site` : `typically ${m.typicalTime ?? "unknown"}`;
    parts.push(m.vendorPending ? `${time}, waiting on the vendor` : time);
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
    const key = [eligibility === "fails" ? 1 : 0, notWorked(tried) ? 1 : 0, destructive, expectedMinutes, m.sortOrder];
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
        expectedMinutes,
        tried,
        reason: capitalise(parts.join("; ")),
      },
    };
  });
  scored.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! < b.key[i]! ? -1 : 1;
    return a.rec.methodId.localeCompare(b.rec.methodId);
  });
  return scored.map((s, i) => ({ ...s.rec, rank: i + 1 }));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
