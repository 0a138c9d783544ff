import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { configBackups } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { env, resetEnvCache } from "@/lib/platform/env";
import { downloadBackup } from "./read";
import { rotateBackupKeys } from "./rotate";
import { storeBackup } from "./store";
import { openPhoto } from "@/lib/photos/read";
import { storePhoto } from "@/lib/photos/store";
import { makePng } from "@/test/support/images";

describe("key rotation", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    resetEnvCache();
  });

  it("re-encrypts every backup under the new key; each still downloads identically; old key ids work until then", async () => {
    const r1 = randomBytes(32).toString("base64");
    const r2 = randomBytes(32).toString("base64");
    process.env.FIELDKEY_BACKUP_KEYS = `r1:${r1}`;
    resetEnvCache();
    const tech = await makeUser("technician");
    const admin = await makeUser("admin");
    const custA = await makeUser("customer");
    const deviceId = await makeDevice(custA.customerId!);
    const visitId = await makeVisit({
      customerId: custA.customerId!,
      technicianId: tech.id,
      startsAt: new Date("2030-01-01T15:00:00Z"),
      deviceIds: [deviceId],
    });
    const upload = (bytes: Buffer) =>
      storeBackup(tech, { deviceId, visitId, kind: "config", filename: "cfg.bin", contentType: "application/octet-stream", bytes });
    const files = [randomBytes(10), randomBytes(5000), randomBytes(70000)];
    const stored = [];
    for (const f of files) stored.push(await upload(f));
    const png = await makePng(640, 480);
    const photo = await storePhoto(tech, { deviceId, visitId, kind: "label" }, png);
    const thumb = (await openPhoto(tech, photo.id, "thumb", null)).bytes;

    process.env.FIELDKEY_BACKUP_KEYS = `r1:${r1},r2:${r2}`;
    resetEnvCache();
    expect(env().backupKeyId).toBe("r2");
    // Before rotation: old rows still open with r1.
    expect((await downloadBackup(admin, stored[0]!.id, null)).bytes.equals(files[0]!)).toBe(true);
    const r = await rotateBackupKeys("system", { batchSize: 2 });
    expect(r.failed).toEqual([]);
    expect(r.reencrypted).toBeGreaterThanOrEqual(4);
    const db = await getDb();
    const keyIds = new Set((await db.select({ k: configBackups.keyId }).from(configBackups)).map((x) => x.k));
    expect(keyIds).toEqual(new Set(["r2"]));

    // Without the old key every backup still opens.
    process.env.FIELDKEY_BACKUP_KEYS = `r2:${r2}`;
    resetEnvCache();
    for (const [i, s] of stored.entries()) expect((await downloadBackup(custA, s.id, null)).bytes.equals(files[i]!)).toBe(true);
    // A photo's thumbnail moved to the new key with its file.
    expect((await openPhoto(custA, photo.id, "full", null)).bytes.equals(png)).toBe(true);
    expect((await openPhoto(custA, photo.id, "thumb", null)).bytes.equals(thumb)).toBe(true);
    expect((await rotateBackupKeys("system")).reencrypted).toBe(0);
  });
});
