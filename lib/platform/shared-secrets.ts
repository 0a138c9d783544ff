/**
 * Secrets shared by every instance on one PostgreSQL server. When DATABASE_URL
 * is set and AUTH_SECRET or FIELDKEY_BACKUP_KEYS is not, the generated secrets
 * are stored once in the database (settings row `instance_secrets`, created
 * with INSERT … ON CONFLICT DO NOTHING, so instances starting together agree on
 * one set) and every instance adopts them at open. A deployment that used a
 * local `.data/secrets.json` before keeps those (they seed the row), so its
 * sessions and backups stay valid. Secrets given in the environment always win.
 */
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { settings } from "@/db/schema";
import { adoptSharedSecrets, env, generateSecrets, readSecretsFile, type SecretsFile } from "@/lib/platform/env";

export const SHARED_SECRETS_KEY = "instance_secrets";

function valid(v: unknown): v is SecretsFile {
  const s = v as SecretsFile;
  return (
    !!s &&
    typeof s.authSecret === "string" &&
    s.authSecret.length >= 32 &&
    typeof s.backupKeys === "object" &&
    typeof s.backupKeyId === "string" &&
    s.backupKeyId in s.backupKeys
  );
}

export async function loadSharedSecrets(db: Database) {
  const e = env();
  if (!e.DATABASE_URL || (e.secretsFromEnv.auth && e.secretsFromEnv.backup)) return;
  const initial = readSecretsFile(e.dataDir) ?? generateSecrets();
  await db.insert(settings).values({ key: SHARED_SECRETS_KEY, value: initial }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SHARED_SECRETS_KEY));
  if (!valid(row?.value)) throw new Error(`The shared secrets in the database (settings.${SHARED_SECRETS_KEY}) are not valid.`);
  adoptSharedSecrets(row.value);
}
