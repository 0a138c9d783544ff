import "server-only";
import { cache } from "react";
import { getDb, type Executor } from "@/db/client";
import { settings } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { companySettingsSchema, DEFAULT_SETTINGS, type CompanySettings } from "@/lib/settings/schema";

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

async function readSettings(conn: Executor): Promise<CompanySettings> {
  const rows = await conn.select({ key: settings.key, value: settings.value }).from(settings);
  const raw: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_SETTINGS) raw[r.key] = r.value;
  const parsed = companySettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export const updateSettingsSchema = companySettingsSchema.partial();

export async function updateSettings(actor: Actor | null, patch: Partial<CompanySettings>, ip: string | null) {
  requirePermission(actor, "settings:manage");
  const data = updateSettingsSchema.parse(patch);
  const db = await getDb();
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(data)) {
      // Only what the caller sent: zod fills defaults for the other keys, which must not overwrite saved values.
      if (value === undefined || !Object.hasOwn(patch, key)) continue;
      await tx
        .insert(settings)
        .values({ key, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    }
    const written = Object.fromEntries(Object.entries(data).filter(([k]) => Object.hasOwn(patch, k)));
    await audit(tx, { actorId: actor.id, action: "settings.update", entityType: "settings", details: written, ip });
  });
  return getSettings();
}
