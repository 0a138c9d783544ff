/**
 * `npm run backups:rotate`: re-encrypt all backups under the current key.
 *
 * 1. Add a new key and make it current, keeping the old one:
 *      FIELDKEY_BACKUP_KEYS="k1:<old>,k2:<new>"  (FIELDKEY_BACKUP_KEY_ID defaults to the last)
 *    and restart the app instances: new uploads use k2, old backups still open with k1.
 * 2. Run this command (with PostgreSQL, while the app keeps serving; with the
 *    embedded database, use the button on /admin/settings/keys instead, since the
 *    server holds the database lock).
 * 3. When it reports 0 left, remove k1 from FIELDKEY_BACKUP_KEYS.
 * On the embedded default, generated keys live in .data/secrets.json (backupKeys, backupKeyId);
 * with DATABASE_URL and no FIELDKEY_BACKUP_KEYS, in the database (settings row `instance_secrets`):
 * copy the old key from there into FIELDKEY_BACKUP_KEYS for step 1.
 */
import { getDatabaseHandle } from "@/db/client";
import { rotateBackupKeys } from "@/lib/backups/rotate";

async function main() {
  const handle = await getDatabaseHandle();
  try {
    const r = await rotateBackupKeys("system");
    console.log(`Re-encrypted ${r.reencrypted} backup(s) under key ${r.keyId}.`);
    if (r.failed.length) {
      console.error(`${r.failed.length} backup(s) could not be re-encrypted (integrity check failed); they were left untouched:`);
      for (const f of r.failed) console.error(`  ${f.id}: ${f.reason}`);
      process.exitCode = 1;
    }
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
