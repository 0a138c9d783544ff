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
 * attribute): '' for brand × kind; one device detail: 'm<model>',
 * 'f<firmware>', 'o<option bit>', 'w<seal>'; two details of one device, in
 * that order: 'm<model>f<firmware>', 'o<bit>w<seal>', ...; 'p<profile>'. A
 * filter on one or two device details reads those attributes' keys (one per
 * matching value: the models or firmwares a text matched, crossed with the
 * other detail's value); three or more read the keys of every matching
 * profile. Every attempt counts once under each of its attributes' keys, so
 * sums over one attribute set never double count. A visit, though, counts
 * under each matching attribute of its devices: `multi` names the details
 * that may hold several values (model, firmware), for the visits' correction.
 */
export type DevicePlan =
  | { by: "attr"; attrs: string[]; brands: string[]; kinds: string[]; multi: ("model_id" | "firmware_id")[] }
  | { by: "profile" }
  /** A model or firmware text that matched nothing (or no device has both). */
  | { by: "none" };

type Matched = { id: number; brand: string; name: string };

export async function devicePlan(db: Executor, f: ReportFilters): Promise<{ plan: DevicePlan; models: Matched[]; firmwares: Matched[] }> {
  const brands = f.brand ? [f.brand] : [...BRANDS];
  const kinds = f.kind ? [f.kind] : [...DEVICE_KINDS];
  const matching = (table: "report_models" | "report_firmwares", text: string | undefined) =>
    text
      ? queryRows<Matched>(
          db,
          sql`SELECT m.id, m.brand, m.name FROM ${sql.raw(table)} m WHERE m.key LIKE lower(${likePattern(text)}) AND m.brand IN (${list(brands)}) ORDER BY m.brand, m.key`,
        )
      : Promise.resolve([]);
  const models = await matching("report_models", f.model);
  const firmwares = await matching("report_firmwares", f.firmware);
  const details = (["model", "firmware", "option", "seal"] as const).filter((k) => !!f[k]);
  if (details.length === 0) return { plan: { by: "attr", attrs: [""], brands, kinds, multi: [] }, models, firmwares };
  if (details.length > 2) return { plan: { by: "profile" }, models, firmwares };
  // each detail's attribute values, in key order (model, firmware, option, seal)
  let values: string[][] = [];
  if (f.model && f.firmware) {
    // only the model × firmware pairs some device has (both are per brand, and a model has a few firmwares)
    const pairs =
      models.length && firmwares.length
        ? await queryRows<{ a: string }>(
            db,
            sql`SELECT DISTINCT 'm' || p.model_id || 'f' || p.firmware_id AS a FROM report_profiles p
               WHERE p.model_id IN (${sql.join(
                 models.map((m) => sql`${m.id}`),
                 sql`, `,
               )})
                 AND p.firmware_id IN (${sql.join(
                   firmwares.map((w) => sql`${w.id}`),
                   sql`, `,
                 )}) ORDER BY 1`,
          )
        : [];
    values = [pairs.map((p) => p.a)];
  } else {
    if (f.model) values.push(models.map((m) => `m${m.id}`));
    if (f.firmware) values.push(firmwares.map((w) => `f${w.id}`));
  }
  if (f.option) values.push([`o${RECOVERY_OPTIONS.indexOf(f.option)}`]);
  if (f.seal) values.push([`w${f.seal}`]);
  const attrs = values.reduce<string[]>((acc, vs) => acc.flatMap((a) => vs.map((v) => a + v)), [""]);
  if (attrs.length === 0) return { plan: { by: "none" }, models, firmwares };
  const multi = [...(f.model ? (["model_id"] as const) : []), ...(f.firmware ? (["firmware_id"] as const) : [])];
  return { plan: { by: "attr", attrs, brands, kinds, multi }, models, firmwares };
}

/** The device keys attempts and vendor cases are counted under, for a plan. */
export function attemptDevkeys(f: ReportFilters, plan: DevicePlan): SQL {
  if (plan.by === "profile") return sql`SELECT p.devkey FROM report_profiles p WHERE ${allOf(profileConds(f))}`;
  if (plan.by === "none") return sql`SELECT -1`;
  return sql`SELECT d.id FROM report_devkeys d WHERE d.attr IN (${list(plan.attrs)}) AND d.brand IN (${list(plan.brands)}) AND d.kind IN (${list(plan.kinds)})`;
}
