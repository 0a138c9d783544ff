import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { priceItems } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { parseInput, ValidationError } from "@/lib/platform/errors";
import { getSettings, type CompanySettings } from "@/lib/settings/company";
import { percentToRate } from "./money";
import { priceVisit, type PriceListItem, type PriceRules, type Quote } from "./price";
import { priceListSchema, quoteSchema } from "./schemas";

const COLUMNS = {
  id: priceItems.id,
  kind: priceItems.kind,
  brand: priceItems.brand,
  deviceClass: priceItems.deviceClass,
  surcharge: priceItems.surcharge,
  name: priceItems.name,
  unitCents: priceItems.unitCents,
  taxable: priceItems.taxable,
  active: priceItems.active,
};

/** The whole price list, in its display order (public facts: the booking form shows the estimate from it). */
export async function loadPriceList(db?: Executor): Promise<PriceListItem[]> {
  const conn = db ?? (await getDb());
  return conn.select(COLUMNS).from(priceItems).orderBy(asc(priceItems.sortOrder), asc(priceItems.name));
}

/** What the price function needs from the settings. */
export function priceRules(s: CompanySettings): PriceRules {
  return {
    timeZone: s.timeZone,
    locale: s.locale,
    currency: s.currency,
    taxRate: percentToRate(s.taxRatePercent) ?? 0,
    noFixNoFee: s.noFixNoFee,
    businessHoursStart: s.businessHoursStart,
    businessHoursEnd: s.businessHoursEnd,
  };
}

/** The active prices and rules the booking form prices with (in the browser, with the same function). */
export async function publicPricing(): Promise<{ priceList: PriceListItem[]; rules: PriceRules }> {
  const db = await getDb();
  const [list, s] = await Promise.all([loadPriceList(db), getSettings(db)]);
  return { priceList: list.filter((i) => i.active), rules: priceRules(s) };
}

/** Public: the estimate for devices at a start time (the widget and the API ask here; the web form computes the same in the browser). */
export async function quoteVisit(input: unknown, now = new Date()): Promise<Quote> {
  const q = parseInput(quoteSchema, input);
  const { priceList, rules } = await publicPricing();
  return priceVisit({
    priceList,
    rules,
    devices: q.devices.map((d) => ({ ...d, charge: "estimate" as const })),
    startsAt: new Date(q.slotStart),
    bookedAt: now,
  });
}

export async function listPriceItems(actor: Actor | null) {
  requirePermission(actor, "billing:manage");
  return loadPriceList();
}

/** Replace the price list with the edited one (rows kept by id; rows left out are retired, not deleted: old documents name them in words). */
export async function savePriceList(actor: Actor | null, input: unknown, ip: string | null) {
  requirePermission(actor, "billing:manage");
  const data = parseInput(priceListSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const existing = new Set((await tx.select({ id: priceItems.id }).from(priceItems)).map((r) => r.id));
    const kept = new Set(data.items.map((p) => p.id).filter((id): id is string => !!id));
    // Retire what was left out first, so a replacement may take its place in the same save.
    for (const id of existing) if (!kept.has(id)) await tx.update(priceItems).set({ active: false, updatedAt: new Date() }).where(eq(priceItems.id, id));
    for (const [i, p] of data.items.entries()) {
      const row = {
        kind: p.kind,
        brand: p.kind === "device" ? p.brand || null : null,
        deviceClass: p.kind === "device" ? p.deviceClass || null : null,
        surcharge: p.kind === "surcharge" ? p.surcharge || null : null,
        name: p.name,
        unitCents: p.unitPrice,
        taxable: p.taxable,
        active: p.active,
        sortOrder: i,
        updatedAt: new Date(),
      } as const;
      if (p.id) {
        if (!existing.has(p.id))
          throw new ValidationError("That price no longer exists; reload the page.", { [`items.${i}.name`]: ["This price no longer exists."] });
        await tx.update(priceItems).set(row).where(eq(priceItems.id, p.id));
      } else await tx.insert(priceItems).values(row);
    }
    await audit(tx, { actorId: actor.id, action: "prices.update", entityType: "price_list", details: { items: data.items.length }, ip });
    return { items: data.items.length };
  });
}
