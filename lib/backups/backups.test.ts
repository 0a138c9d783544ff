import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, configBackups } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { env } from "@/lib/platform/env";
import { ConflictError, NotFoundError, toAppError, UnauthenticatedError, ValidationError } from "@/lib/platform/errors";
import { sha256Hex } from "./crypto";
import { backupAuditTrail, BackupRefusedError, downloadBackup, listBackupsForDevice, listMyBackups } from "./read";
import { softDeleteBackup, storeBackup, storeBackupOnce } from "./store";

let tech: Actor, otherTech: Actor, admin: Actor, custA: Actor, custB: Actor, deviceId: string, visitId: string;

beforeAll(async () => {
  [tech, otherTech, admin, custA, custB] = await Promise.all([
    makeUser("technician"),
    makeUser("technician"),
    makeUser("admin"),
    makeUser("customer"),
    makeUser("customer"),
  ]);
  deviceId = await makeDevice(custA.customerId!, { brand: "hikvision" });
  visitId = await makeVisit({ customerId: custA.customerId!, technicianId: tech.id, startsAt: new Date("2030-01-01T15:00:00Z"), deviceIds: [deviceId] });
});

const upload = (actor: Actor | null, bytes: Buffer, extra: Record<string, unknown> = {}) =>
  storeBackup(
    actor,
    { deviceId, visitId, kind: "config", filename: "configFileExport.backup", contentType: "application/octet-stream", bytes, ...extra },
    { ip: "127.0.0.1" },
  );

async function auditCount(action: string, backupId: string) {
  const db = await getDb();
  const rows = await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.entityId, backupId));
  const all = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, backupId));
  return rows.length && all.filter((r) => r.action === action).length;
}

describe("backup round trip", () => {
  it("1 byte, 1 MB and exactly the limit come back byte-identical; versions count up", async () => {
    const limit = env().BACKUP_MAX_BYTES;
    const versions: number[] = [];
    for (const size of [1, 1024 * 1024, limit]) {
      const bytes = randomBytes(size);
      const stored = await upload(tech, bytes);
      versions.push(stored.version);
      expect(stored.sha256).toBe(sha256Hex(bytes));
      const got = await downloadBackup(custA, stored.id, "10.0.0.1");
      expect(got.bytes.equals(bytes)).toBe(true);
    }
    expect(versions).toEqual([versions[0], versions[0]! + 1, versions[0]! + 2]);
    // The stored bytes are not the plain bytes.
    const db = await getDb();
    const [row] = await db.select().from(configBackups).where(eq(configBackups.version, versions[0]!));
    expect(row!.ciphertext.length).toBe(1);
  });

  it("refuses an empty file and one byte over the limit, and writes nothing", async () => {
    const db = await getDb();
    const before = (await db.select({ id: configBackups.id }).from(configBackups)).length;
    await expect(upload(tech, Buffer.alloc(0))).rejects.toThrow(/empty/);
    await expect(upload(tech, randomBytes(env().BACKUP_MAX_BYTES + 1))).rejects.toThrow(/too large.*limit is 20\.0 MB/);
    await expect(upload(tech, randomBytes(10), { note: "password: hunter2" })).rejects.toThrow(/never the password/);
    expect((await db.select({ id: configBackups.id }).from(configBackups)).length).toBe(before);
  });

  it("keeps only a safe display name, never a path", async () => {
    const stored = await upload(tech, randomBytes(16), { filename: '../../etc/pass"wd\r\n.bin' });
    expect(stored.filename).toBe("pass_wd__.bin");
  });
});

describe("who may upload and download", () => {
  it("customer B, an unassigned technician and signed-out users get 404 / 401; allowed downloads are audited", async () => {
    const stored = await upload(tech, randomBytes(100));
    await expect(downloadBackup(custB, stored.id, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(downloadBackup(otherTech, stored.id, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(downloadBackup(null, stored.id, null)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(listBackupsForDevice(custB, deviceId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(upload(otherTech, randomBytes(10))).rejects.toBeInstanceOf(NotFoundError);
    await expect(upload(custA, randomBytes(10))).rejects.toThrow(/access/);
    expect(await auditCount("backup.download", stored.id)).toBe(0);

    for (const who of [custA, tech, admin]) await downloadBackup(who, stored.id, "192.0.2.7");
    expect(await auditCount("backup.download", stored.id)).toBe(3);
    const trail = await backupAuditTrail(admin, { backupId: stored.id });
    expect(trail.filter((t) => t.action === "backup.download").map((t) => t.ip)).toEqual(["192.0.2.7", "192.0.2.7", "192.0.2.7"]);
    expect((await backupAuditTrail(admin, { customerId: custA.customerId! })).length).toBeGreaterThan(3);
    await expect(backupAuditTrail(tech, { backupId: stored.id })).rejects.toThrow();
    expect((await listMyBackups(custA)).some((b) => b.id === stored.id)).toBe(true);
    expect(await listMyBackups(custB)).toEqual([]);
  });

  it("soft delete is admin-only, audited, and hides the backup from everyone", async () => {
    const stored = await upload(tech, randomBytes(10));
    await expect(softDeleteBackup(tech, stored.id, null)).rejects.toThrow();
    await softDeleteBackup(admin, stored.id, null);
    await expect(downloadBackup(custA, stored.id, null)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listBackupsForDevice(custA, deviceId)).some((b) => b.id === stored.id)).toBe(false);
    expect((await listBackupsForDevice(admin, deviceId)).find((b) => b.id === stored.id)?.deletedAt).toBeTruthy();
    expect(await auditCount("backup.delete", stored.id)).toBe(1);
    await expect(softDeleteBackup(admin, stored.id, null)).rejects.toThrow(/already deleted/);
  });
});

describe("tampering", () => {
  for (const part of ["ciphertext", "authTag", "iv"] as const) {
    it(`a flipped byte in the ${part} is refused and audited, never served`, async () => {
      const stored = await upload(tech, randomBytes(2048));
      const db = await getDb();
      const [row] = await db.select().from(configBackups).where(eq(configBackups.id, stored.id));
      const buf = Buffer.from(row![part]);
      buf[Math.floor(buf.length / 2)]! ^= 0x01;
      await db
        .update(configBackups)
        .set({ [part]: buf })
        .where(eq(configBackups.id, stored.id));
      await expect(downloadBackup(custA, stored.id, "203.0.113.9")).rejects.toBeInstanceOf(BackupRefusedError);
      expect(await auditCount("backup.integrity_failed", stored.id)).toBe(1);
      expect(await auditCount("backup.download", stored.id)).toBe(0);
    });
  }

  it("bytes copied onto another row do not decrypt (bound to their row)", async () => {
    const a = await upload(tech, randomBytes(64));
    const b = await upload(tech, randomBytes(64));
    const db = await getDb();
    const [rowA] = await db.select().from(configBackups).where(eq(configBackups.id, a.id));
    await db
      .update(configBackups)
      .set({ ciphertext: rowA!.ciphertext, iv: rowA!.iv, authTag: rowA!.authTag, sha256: rowA!.sha256 })
      .where(eq(configBackups.id, b.id));
    await expect(downloadBackup(admin, b.id, null)).rejects.toBeInstanceOf(BackupRefusedError);
  });
});

it("turns malformed metadata into a validation error on the field", async () => {
  const err = await storeBackup(tech, { deviceId: "nope", kind: "config", filename: "x", contentType: "a/b", bytes: randomBytes(1) }).catch((e) => e);
  const app = toAppError(err);
  expect(app).toBeInstanceOf(ValidationError);
  expect(app.fieldErrors?.deviceId?.[0]).toBe("Choose a device.");
});

describe("uploads queued on a phone (Idempotency-Key)", () => {
  const meta = (bytes: Buffer) => ({ deviceId, visitId, kind: "config" as const, filename: "cfg.bin", contentType: "application/octet-stream", bytes });

  it("a retried upload is stored once and answered with the first upload; at once too", async () => {
    const key = crypto.randomUUID();
    const bytes = randomBytes(5000);
    const first = await storeBackupOnce(tech, meta(bytes), key, null);
    expect(first.replayed).toBe(false);
    const again = await storeBackupOnce(tech, meta(bytes), key, null);
    expect(again).toEqual({ ...first, replayed: true });
    const key2 = crypto.randomUUID();
    const both = await Promise.all([storeBackupOnce(tech, meta(bytes), key2, null), storeBackupOnce(tech, meta(bytes), key2, null)]);
    expect(both[0].id).toBe(both[1].id);
    const db = await getDb();
    for (const k of [key, key2]) expect(await db.select({ id: configBackups.id }).from(configBackups).where(eq(configBackups.clientId, k))).toHaveLength(1);
  });

  it("the same key with other bytes, or from another user, is refused and stores nothing", async () => {
    const key = crypto.randomUUID();
    await storeBackupOnce(tech, meta(Buffer.from("first")), key, null);
    await expect(storeBackupOnce(tech, meta(Buffer.from("second")), key, null)).rejects.toBeInstanceOf(ConflictError);
    await expect(storeBackupOnce(admin, meta(Buffer.from("first")), key, null)).rejects.toBeInstanceOf(ConflictError);
    const db = await getDb();
    expect(await db.select({ id: configBackups.id }).from(configBackups).where(eq(configBackups.clientId, key))).toHaveLength(1);
  });
});
