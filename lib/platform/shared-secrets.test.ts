import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { settings } from "@/db/schema";
import { env, generateSecrets, resetEnvCache } from "./env";
import { loadSharedSecrets, SHARED_SECRETS_KEY } from "./shared-secrets";

// Each "instance" is a fresh environment with its own data directory on the same database.
const saved = { ...process.env };
const dirs: string[] = [];
function instance(extra: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fk-secrets-"));
  dirs.push(dir);
  for (const k of ["AUTH_SECRET", "FIELDKEY_BACKUP_KEYS", "FIELDKEY_BACKUP_KEY_ID"]) delete process.env[k];
  Object.assign(process.env, { DATABASE_URL: "postgres://app@127.0.0.1:1/unused", FIELDKEY_DATA_DIR: dir }, extra);
  resetEnvCache();
  return dir;
}
const backupKey = () => [...env().backupKeys.entries()].map(([id, k]) => `${id}:${k.toString("base64")}`).join(",");

beforeEach(async () => {
  await (await getDb()).delete(settings).where(eq(settings.key, SHARED_SECRETS_KEY));
});
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  resetEnvCache();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("secrets shared through the database (several instances, DATABASE_URL)", () => {
  it("two instances with different data directories end up with the same session secret and backup keys", async () => {
    const db = await getDb();
    const dirA = instance();
    expect(env().sharedSecretsPending).toBe(true);
    await loadSharedSecrets(db);
    expect(env().sharedSecretsPending).toBe(false);
    const a = { auth: env().AUTH_SECRET, keys: backupKey(), id: env().backupKeyId };
    expect(fs.existsSync(path.join(dirA, "secrets.json"))).toBe(false); // nothing per instance on disk

    instance();
    const standIn = env().AUTH_SECRET;
    await loadSharedSecrets(db);
    expect(standIn).not.toBe(a.auth);
    expect({ auth: env().AUTH_SECRET, keys: backupKey(), id: env().backupKeyId }).toEqual(a);
    expect(a.auth.length).toBeGreaterThanOrEqual(32);
  });

  it("secrets given in the environment win; the others still come from the database", async () => {
    const db = await getDb();
    instance();
    await loadSharedSecrets(db);
    const stored = { auth: env().AUTH_SECRET, keys: backupKey() };
    instance({ AUTH_SECRET: "e".repeat(40) });
    await loadSharedSecrets(db);
    expect(env().AUTH_SECRET).toBe("e".repeat(40));
    expect(backupKey()).toBe(stored.keys);
  });

  it("a deployment that kept a local secrets.json keeps those secrets (they seed the shared row)", async () => {
    const db = await getDb();
    const dir = instance();
    const old = generateSecrets();
    fs.writeFileSync(path.join(dir, "secrets.json"), JSON.stringify(old));
    resetEnvCache();
    await loadSharedSecrets(db);
    expect(env().AUTH_SECRET).toBe(old.authSecret);
    instance();
    await loadSharedSecrets(db);
    expect(env().AUTH_SECRET).toBe(old.authSecret);
    expect(env().backupKeys.get("k1")!.toString("base64")).toBe(old.backupKeys.k1);
  });
});
