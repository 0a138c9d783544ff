/** A fresh, empty database for one server run: a temp PGlite dir, or a new database on the DATABASE_URL server. */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { openAndPrepare } from "@/db/client";
import { visits } from "@/db/schema";
import { adminUrl, withDatabase } from "@/test/harness/databases";

export type Kind = "pglite" | "postgres";
export type Fresh = { kind: Kind; env: Record<string, string>; dataDir: string; url: string | null; drop: () => Promise<void> };

async function admin(url: string, statement: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

/** The server's environment for it: FIELDKEY_DATA_DIR always (secrets live there), DATABASE_URL only for PostgreSQL. */
export async function freshDatabase(kind: Kind, serverUrl: string | undefined, label: string): Promise<Fresh> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fieldkey-proof-${label}-`));
  if (kind === "pglite")
    return { kind, env: { FIELDKEY_DATA_DIR: dataDir }, dataDir, url: null, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  if (!serverUrl) throw new Error("PostgreSQL run without DATABASE_URL");
  const name = `fieldkey_proof_${label.replace(/\W/g, "_")}_${randomBytes(3).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  return {
    kind,
    // Secrets in the environment, as a deployment on PostgreSQL must give them (lib/platform/env.ts).
    env: {
      FIELDKEY_DATA_DIR: dataDir,
      DATABASE_URL: url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      FIELDKEY_BACKUP_KEYS: `k1:${randomBytes(32).toString("base64")}`,
    },
    dataDir,
    url,
    drop: async () => {
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Booked visits (those with an idempotency key) starting at `start`, read straight from the database once the server has stopped. */
export async function bookedVisitsAt(fresh: Fresh, start: string): Promise<number> {
  const h = await openAndPrepare(fresh.url ? { url: fresh.url, max: 1 } : { dir: path.join(fresh.dataDir, "pglite") });
  try {
    const [row] = await h.db
      .select({ n: count() })
      .from(visits)
      .where(and(eq(visits.startsAt, new Date(start)), isNotNull(visits.idempotencyKey)));
    return Number(row!.n);
  } finally {
    await h.close();
  }
}
