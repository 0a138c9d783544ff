/**
 * Which rollup keys the device filters (brand, kind, model text, firmware
 * text, recovery option, warranty seal) select: one attribute's device keys,
 * or the keys of every matching device profile (report_profiles).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { BRANDS, DEVICE_KINDS, RECOVERY_OPTIONS } from "@/lib/values";
import type { ReportFilters } from "./filters";
import { allOf, likePattern, list, optionBit, queryRows } from "./sql";

/** The device profiles the device-detail filters (and brand, kind) select. */
export function profileConds(f: ReportFilters): SQL[] {
  const c: SQL[] = [];
  if (f.brand) c.push(sql`p.brand = ${f.brand}`);
  if (f.kind) c.push(sql`p.kind = ${f.kind}`);
  if (f.model) c.push(sql`p.model_id IN (SELECT m.id FROM report_models m WHERE m.key LIKE lower(${likePattern(f.model)}))`);
  if (f.firmware) c.push(sql`p.firmware_id IN (SELECT w.id FROM report_firmwares w WHERE w.key LIKE lower(${likePattern(f.firmware)}))`);
  if (f.option) c.push(sql`(p.options & ${optionBit(f.option)}::int) <> 0`);
  if (f.seal) c.push(sql`p.seal = ${f.seal}`);
  return c;
}

/**
 * How the device filters select rollup keys. A device key is (brand, kind,
 * attribute): '' for brand × kind, 'm<model>', 'f<firmware>', 'o<option bit>',
 * 'w<seal>', 'p<profile>'. One device detail (the models or firmwares matching
 * a text, an option, a seal) reads that attribute's keys; two details at once
 * read the keys of every matching profile. Every attempt counts once under
 * each of its attributes' keys, so sums over one attribute never double count.
 */
export type DevicePlan =
  | { by: "attr"; attrs: string[]; brands: string[]; kinds: string[] }
  | { by: "profile" }
  /** A model text that matched nothing. */
  | { by: "none" };

export async function devicePlan(db: Executor, f: ReportFilters): Promise<{ plan: DevicePlan; models: { id: number; brand: string; name: string }[] }> {
  const brands = f.brand ? [f.brand] : [...BRANDS];
  const kinds = f.kind ? [f.kind] : [...DEVICE_KINDS];
  const models = f.model
    ? await queryRows<{ id: number; brand: string; name: string }>(
        db,
        sql`SELECT m.id, m.brand, m.name FROM report_models m WHERE m.key LIKE lower(${likePattern(f.model)}) AND m.brand IN (${list(brands)}) ORDER BY m.brand, m.key`,
      )
    : [];
  const details = (["model", "firmware", "option", "seal"] as const).filter((k) => !!f[k]);
  if (details.length === 1 && f.firmware) {
    const firmwares = await queryRows<{ id: number }>(
      db,
      sql`SELECT w.id FROM report_firmwares w WHERE w.key LIKE lower(${likePattern(f.firmware)}) AND w.brand IN (${list(brands)}) ORDER BY w.id`,
    );
    return { plan: firmwares.length ? { by: "attr", attrs: firmwares.map((w) => `f${w.id}`), brands, kinds } : { by: "none" }, models };
  }
  if (details.length === 0) return { plan: { by: "attr", attrs: [""], brands, kinds }, models };
  if (details.length === 1 && f.option) return { plan: { by: "attr", attrs: [`o${RECOVERY_OPTIONS.indexOf(f.option)}`], brands, kinds }, models };
  if (details.length === 1 && f.seal) return { plan: { by: "attr", attrs: [`w${f.seal}`], brands, kinds }, models };
  if (details.length === 1 && f.model)
    return { plan: models.length ? { by: "attr", attrs: models.map((m) => `m${m.id}`), brands, kinds } : { by: "none" }, models };
  return { plan: { by: "profile" }, models };
}

/** The device keys attempts and vendor cases are counted under, for a plan. */
export function attemptDevkeys(f: ReportFilters, plan: DevicePlan): SQL {
  if (plan.by === "profile") return sql`SELECT p.devkey FROM report_profiles p WHERE ${allOf(profileConds(f))}`;
  if (plan.by === "none") return sql`SELECT -1`;
  return sql`SELECT d.id FROM report_devkeys d WHERE d.attr IN (${list(plan.attrs)}) AND d.brand IN (${list(plan.brands)}) AND d.kind IN (${list(plan.kinds)})`;
}
