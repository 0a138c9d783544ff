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

  it("with DATABASE_URL and no secrets in the environment, refuses to start with one message saying how to make and pass them (finding 15)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fk-env-"));
    Object.assign(process.env, { DATABASE_URL: "postgres://app@127.0.0.1:1/unused", FIELDKEY_DATA_DIR: dir });
    delete process.env.AUTH_SECRET;
    delete process.env.FIELDKEY_BACKUP_KEYS;
    delete process.env.FIELDKEY_ALLOW_DB_SECRETS;
    resetEnvCache();
    expect(() => env()).toThrow(/AUTH_SECRET and FIELDKEY_BACKUP_KEYS are not in the environment[\s\S]*openssl rand[\s\S]*FIELDKEY_ALLOW_DB_SECRETS=1/);
    process.env.AUTH_SECRET = "s".repeat(40);
    resetEnvCache();
    expect(() => env()).toThrow(/FIELDKEY_BACKUP_KEYS is not in the environment/);
    process.env.FIELDKEY_BACKUP_KEYS = `k1:${Buffer.alloc(32, 3).toString("base64")}`;
    resetEnvCache();
    expect(env().secretsFromEnv).toEqual({ auth: true, backup: true }); // both given: starts
    delete process.env.AUTH_SECRET;
    process.env.FIELDKEY_ALLOW_DB_SECRETS = "1";
    resetEnvCache();
    expect(env().sharedSecretsPending).toBe(true); // allowed explicitly: generated into the database
    expect(fs.existsSync(path.join(dir, "secrets.json"))).toBe(false);
    delete process.env.DATABASE_URL;
    delete process.env.FIELDKEY_ALLOW_DB_SECRETS;
    resetEnvCache();
    expect(env().AUTH_SECRET.length).toBeGreaterThanOrEqual(32); // the embedded default still generates them under the data directory
    expect(fs.existsSync(path.join(dir, "secrets.json"))).toBe(true);
  });
});
