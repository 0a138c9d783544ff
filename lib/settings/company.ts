import "server-only";
import { cache } from "react";
import { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { settings } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/platform/errors";
import { companySettingsSchema, DEFAULT_SETTINGS, storedSetting, type CompanySettings } from "@/lib/settings/schema";

export type { CompanySettings };

/**
 * Company settings (public facts like the name and phone, and booking rules).
 * Without an executor, read once per server render (the header and the page
 * share it); pass the transaction to read inside one.
 */
export async function getSettings(db?: Executor): Promise<CompanySettings> {
  return db ? readSettings(db) : readSettingsForRender();
}

const readSettingsForRender = cache(async () => readSettings(await getDb()));

const FIELDS = companySettingsSchema.shape;
type Key = keyof CompanySettings;

/**
 * Each stored value is checked on its own: one invalid value (written by an
 * older version, or by hand) falls back to its default alone, and says so in
 * the log; every other setting keeps what was saved.
 */
async function readSettings(conn: Executor): Promise<CompanySettings> {
  const rows = await conn.select({ key: settings.key, value: settings.value }).from(settings);
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in FIELDS) out[r.key] = storedSetting(r.key as Key, r.value);
  return out as CompanySettings;
}

/**
 * A save of some settings: only the keys given, checked like the full form,
 * without the defaults (a default would overwrite what was saved before).
 */
export const updateSettingsSchema = z.object(
  Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, (f instanceof z.ZodDefault ? f.unwrap() : f).optional()])) as unknown as {
    [K in Key]: z.ZodOptional<z.ZodType<CompanySettings[K], unknown>>;
  },
);

export async function updateSettings(actor: Actor | null, patch: Partial<CompanySettings>, ip: string | null) {
  requirePermission(actor, "settings:manage");
  const data = parseInput(updateSettingsSchema, patch);
  const db = await getDb();
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      await tx
        .insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    }
    await audit(tx, { actorId: actor.id, action: "settings.update", entityType: "settings", details: data, ip });
  });
  return getSettings();
}
