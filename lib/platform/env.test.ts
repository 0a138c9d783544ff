import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { env, parseBackupKeys, resetEnvCache } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("environment and generated secrets", () => {
  it("generates secrets once under the data directory with mode 0600, and reuses them (embedded database)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fk-env-"));
    delete process.env.DATABASE_URL; // with a PostgreSQL server they live in the database: lib/shared-secrets.test.ts
    delete process.env.AUTH_SECRET;
    delete process.env.FIELDKEY_BACKUP_KEYS;
    process.env.FIELDKEY_DATA_DIR = dir;
    resetEnvCache();
    const first = env();
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(first.backupKeys.get(first.backupKeyId)?.length).toBe(32);
    const mode = fs.statSync(path.join(dir, "secrets.json")).mode & 0o777;
    expect(mode).toBe(0o600);
    resetEnvCache();
    expect(env().AUTH_SECRET).toBe(first.AUTH_SECRET);
  });

  it("prefers secrets from the environment and validates them", () => {
    process.env.AUTH_SECRET = "x".repeat(40);
    const key = Buffer.alloc(32, 7).toString("base64");
    process.env.FIELDKEY_BACKUP_KEYS = `old:${key},new:${key}`;
    resetEnvCache();
    expect(env().AUTH_SECRET).toBe("x".repeat(40));
    expect(env().backupKeyId).toBe("new");
    expect(() => parseBackupKeys("k1:c2hvcnQ=")).toThrow(/32 bytes/);
    process.env.DATABASE_URL = "mysql://nope";
    resetEnvCache();
    expect(() => env()).toThrow(/postgres:\/\//);
  });
});
