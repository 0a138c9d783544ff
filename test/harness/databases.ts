import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { openAndPrepare, openDatabase, type DatabaseHandle } from "@/db/client";

/** The template database of one test run (made by global-setup; one per run so parallel runs never drop each other's). */
export const templateName = (runId: string | number) => `fieldkey_test_template_${runId}`;

/** The same server, connected to its maintenance database (to create/drop others). */
export function adminUrl(url: string) {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

export function withDatabase(url: string, db: string) {
  const u = new URL(url);
  u.pathname = "/" + db;
  return u.toString();
}

/**
 * A fresh, migrated database for one test file: a copy of the template on
 * PostgreSQL (DATABASE_URL), or a new in-memory PGlite.
 */
export async function createTestDatabase(template: string): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // A copy of the run's migrated snapshot: no migrations per test file.
    if (template) return openDatabase({ dir: null, snapshot: new Blob([fs.readFileSync(template)]) });
    return openAndPrepare({ dir: null });
  }
  const templateDb = template;
  const { default: postgres } = await import("postgres");
  const name = `fieldkey_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${templateDb}`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ url: withDatabase(url, name), max: 20 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const a = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await a.end();
    },
  };
}
