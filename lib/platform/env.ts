/**
 * Environment, validated once. Secrets come from the environment. On the
 * embedded default they may instead be generated once into
 * `<data dir>/secrets.json` (mode 0600). With DATABASE_URL they must come
 * from the environment: kept in the database beside the encrypted backups, a
 * copy of the database would open everything. Only an explicit
 * FIELDKEY_ALLOW_DB_SECRETS=1 lets the server generate them into the database
 * (lib/platform/shared-secrets.ts, shared by every instance).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
    .optional(),
  FIELDKEY_DATA_DIR: z.string().min(1).default(".data"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  /** Backup encryption keys: `id:base64key[,id:base64key...]`; each key 32 bytes. */
  FIELDKEY_BACKUP_KEYS: z.string().optional(),
  /** Which of FIELDKEY_BACKUP_KEYS encrypts new backups (default: the last listed). */
  FIELDKEY_BACKUP_KEY_ID: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("FieldKey <no-reply@fieldkey.local>"),
  /** Public base URL used in emails and links, e.g. https://fieldkey.example.com */
  APP_URL: z.string().url().optional(),
  /** `1`: with DATABASE_URL, secrets missing from the environment may be generated into the database (not recommended). */
  FIELDKEY_ALLOW_DB_SECRETS: z.enum(["0", "1"], { error: "FIELDKEY_ALLOW_DB_SECRETS must be 1 (or unset)" }).optional(),
  BACKUP_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Largest device photo accepted. Phones compress before uploading (about 0.5 MB); this allows an uncompressed original. */
  PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 1024 * 1024),
});

export type Env = z.infer<typeof schema> & {
  AUTH_SECRET: string;
  backupKeys: Map<string, Buffer>;
  backupKeyId: string;
  dataDir: string;
  /** Which secrets the environment gave (the others are generated and stored). */
  secretsFromEnv: { auth: boolean; backup: boolean };
  /** With DATABASE_URL and a secret missing from the environment: true until the database's shared secrets are adopted. */
  sharedSecretsPending: boolean;
};

export type SecretsFile = { authSecret: string; backupKeys: Record<string, string>; backupKeyId: string };

export function generateSecrets(): SecretsFile {
  return { authSecret: randomBytes(32).toString("base64url"), backupKeys: { k1: randomBytes(32).toString("base64") }, backupKeyId: "k1" };
}

/** `<data dir>/secrets.json` if it exists (secrets a single instance used before they moved into the database). */
export function readSecretsFile(dataDir: string): SecretsFile | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as SecretsFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

function readOrCreateSecrets(dataDir: string): SecretsFile {
  const file = path.join(dataDir, "secrets.json");
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as SecretsFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const fresh = generateSecrets();
  try {
    // wx: if another process created it first, use theirs.
    fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: "wx" });
    return fresh;
  } catch {
    return JSON.parse(fs.readFileSync(file, "utf8")) as SecretsFile;
  }
}

export function parseBackupKeys(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const idx = part.indexOf(":");
    if (idx < 1) throw new Error("FIELDKEY_BACKUP_KEYS entries must look like id:base64key");
    const id = part.slice(0, idx);
    const key = Buffer.from(part.slice(idx + 1), "base64");
    if (key.length !== 32) throw new Error(`Backup key ${id} must be 32 bytes (base64 of 32 random bytes)`);
    keys.set(id, key);
  }
  return keys;
}

function load(): Env {
  // An empty variable (FOO=) means "not set".
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${msg}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.FIELDKEY_DATA_DIR);
  const needFile = !e.AUTH_SECRET || !e.FIELDKEY_BACKUP_KEYS;
  if (needFile && e.DATABASE_URL && e.FIELDKEY_ALLOW_DB_SECRETS !== "1") throw new Error(dbSecretsRefusal(e));
  // With a PostgreSQL server the generated secrets live in the database (shared by every
  // instance): until they are adopted at open, use a stand-in that nothing may persist.
  const pending = needFile && !!e.DATABASE_URL;
  const file = !needFile ? null : pending ? (readSecretsFile(dataDir) ?? generateSecrets()) : readOrCreateSecrets(dataDir);
  return withSecrets(e, dataDir, file, pending);
}

/** Why a server on PostgreSQL will not start without its secrets in the environment, and what to do. */
function dbSecretsRefusal(e: z.infer<typeof schema>) {
  const missing = [!e.AUTH_SECRET && "AUTH_SECRET", !e.FIELDKEY_BACKUP_KEYS && "FIELDKEY_BACKUP_KEYS"].filter(Boolean).join(" and ");
  return [
    `DATABASE_URL is set but ${missing} ${missing.includes(" and ") ? "are" : "is"} not in the environment.`,
    "With a PostgreSQL server the session secret and the backup keys must not live in the database beside the encrypted backups",
    "(a copy of the database would open everything). Make them once, keep them outside the database, and pass them to every instance:",
    "    AUTH_SECRET=$(openssl rand -base64 32)",
    '    FIELDKEY_BACKUP_KEYS="k1:$(openssl rand -base64 32)"',
    "A database that already holds generated secrets keeps them in its settings row `instance_secrets`: copy those values instead",
    "(docs/operations.md#secrets). To keep the secrets in the database anyway, set FIELDKEY_ALLOW_DB_SECRETS=1.",
  ].join("\n");
}

function withSecrets(e: z.infer<typeof schema>, dataDir: string, file: SecretsFile | null, pending: boolean): Env {
  const backupKeys = e.FIELDKEY_BACKUP_KEYS
    ? parseBackupKeys(e.FIELDKEY_BACKUP_KEYS)
    : new Map(Object.entries(file!.backupKeys).map(([id, k]) => [id, Buffer.from(k, "base64")]));
  const backupKeyId = e.FIELDKEY_BACKUP_KEY_ID ?? (e.FIELDKEY_BACKUP_KEYS ? [...backupKeys.keys()].at(-1)! : file!.backupKeyId);
  if (!backupKeys.has(backupKeyId)) throw new Error(`FIELDKEY_BACKUP_KEY_ID ${backupKeyId} is not among the backup keys`);
  return {
    ...e,
    AUTH_SECRET: e.AUTH_SECRET ?? file!.authSecret,
    backupKeys,
    backupKeyId,
    dataDir,
    secretsFromEnv: { auth: !!e.AUTH_SECRET, backup: !!e.FIELDKEY_BACKUP_KEYS },
    sharedSecretsPending: pending,
  };
}

/** Use the secrets stored in the database for whatever the environment does not give. */
export function adoptSharedSecrets(stored: SecretsFile) {
  const cur = env();
  const fromEnv = {
    ...cur,
    AUTH_SECRET: cur.secretsFromEnv.auth ? cur.AUTH_SECRET : undefined,
    FIELDKEY_BACKUP_KEYS: cur.secretsFromEnv.backup ? cur.FIELDKEY_BACKUP_KEYS : undefined,
  };
  g.__fieldkeyEnv = withSecrets(fromEnv, cur.dataDir, stored, false);
}

const g = globalThis as unknown as { __fieldkeyEnv?: Env };

/** The validated environment (loaded on first use, then cached for the process). */
export function env(): Env {
  g.__fieldkeyEnv ??= load();
  return g.__fieldkeyEnv;
}

/** For tests and the key-rotation command: forget the cached environment. */
export function resetEnvCache() {
  g.__fieldkeyEnv = undefined;
}
