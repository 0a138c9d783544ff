import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, configBackups } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { sha256Hex } from "@/lib/backups/crypto";
import { listBackupsForDevice, listMyBackups } from "@/lib/backups/read";
import { NotFoundError, ValidationError } from "@/lib/platform/errors";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { makeJpeg, makePng } from "@/test/support/images";
import { listDevicePhotos, listMyPhotos, openPhoto } from "./read";
import { NOT_AN_IMAGE, parseTakenAt, storePhoto } from "./store";

let tech: Actor, otherTech: Actor, admin: Actor, custA: Actor, custB: Actor, deviceId: string, otherDevice: string, visitId: string;

beforeAll(async () => {
  [tech, otherTech, admin, custA, custB] = await Promise.all([
    makeUser("technician"),
    makeUser("technician"),
    makeUser("admin"),
    makeUser("customer"),
    makeUser("customer"),
  ]);
  deviceId = await makeDevice(custA.customerId!, { brand: "lorex" });
  otherDevice = await makeDevice(custA.customerId!, { brand: "dahua" });
  visitId = await makeVisit({ customerId: custA.customerId!, technicianId: tech.id, startsAt: new Date("2030-01-01T15:00:00Z"), deviceIds: [deviceId] });
  // Terry also had Carla's Dahua on another visit: he may see the device, but it is not on this visit.
  await makeVisit({ customerId: custA.customerId!, technicianId: tech.id, startsAt: new Date("2030-01-02T15:00:00Z"), deviceIds: [otherDevice] });
});

const upload = (actor: Actor | null, bytes: Buffer, extra: Record<string, unknown> = {}) =>
  storePhoto(actor, { deviceId, visitId, kind: "label", ...extra }, bytes, { ip: "127.0.0.1" });

async function photoRows() {
  const db = await getDb();
  return db.select({ id: configBackups.id }).from(configBackups).where(eq(configBackups.kind, "photo"));
}

describe("device photos in the vault", () => {
  it("a phone's photo is kept byte for byte, sealed, with a thumbnail, the shot time and an audit entry", async () => {
    const jpeg = await makeJpeg({ width: 1600, height: 1200 });
    const stored = await upload(tech, jpeg, { kind: "screen_info", takenAt: "2026-10-30T09:14:59" });
    expect(stored.replayed).toBe(false);
    expect(stored.sha256).toBe(sha256Hex(jpeg));
    const db = await getDb();
    const [row] = await db.select().from(configBackups).where(eq(configBackups.id, stored.id));
    expect(row).toMatchObject({ kind: "photo", photoKind: "screen_info", width: 1600, height: 1200, contentType: "image/jpeg", visitId });
    expect(row!.takenAt!.toISOString()).toBe("2026-10-30T13:14:59.000Z"); // New York local time, as the camera wrote it
    expect(row!.ciphertext.equals(jpeg)).toBe(false);
    const full = await openPhoto(custA, stored.id, "full", "10.0.0.1");
    expect(full.bytes.equals(jpeg)).toBe(true);
    const thumb = await openPhoto(tech, stored.id, "thumb", null);
    const t = await sharp(thumb.bytes).metadata();
    expect([t.format, Math.max(t.width!, t.height!)]).toEqual(["jpeg", 480]);
    const audits = await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, stored.id));
    // The upload and the one full-size view; thumbnails are not audited.
    expect(audits.map((a) => a.action).sort()).toEqual(["photo.upload", "photo.view"]);
  });

  it("a picture that still carries EXIF (GPS, camera) is re-encoded without it", async () => {
    const original = await makeJpeg({ exif: true });
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes(Buffer.from("PhoneMaker"))).toBe(true);
    const stored = await upload(tech, original);
    const full = await openPhoto(admin, stored.id, "full", null);
    expect((await sharp(full.bytes).metadata()).exif).toBeUndefined();
    expect(full.bytes.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect(stored.sha256).toBe(sha256Hex(full.bytes));
  });

  it("refuses what is not a picture, an empty or oversize file, and a device not on the visit: a clear message, nothing stored", async () => {
    const before = (await photoRows()).length;
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await expect(upload(tech, svg, { filename: "label.jpg" })).rejects.toThrow(NOT_AN_IMAGE);
    await expect(upload(tech, Buffer.alloc(0))).rejects.toThrow("The photo is empty. Take it again.");
    await expect(upload(tech, Buffer.alloc(12 * 1024 * 1024 + 1, 0xff))).rejects.toThrow(/too large \(12\.0 MB\)\. The limit is 12\.0 MB/);
    // JPEG magic bytes, then garbage: the decoder is the real check.
    await expect(upload(tech, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]))).rejects.toThrow(/could not be read/);
    const notOnVisit = storePhoto(tech, { deviceId: otherDevice, visitId, kind: "label" }, await makePng());
    await expect(notOnVisit).rejects.toBeInstanceOf(ValidationError);
    await expect(notOnVisit).rejects.toThrow("That device is not on this visit.");
    await expect(upload(tech, await makePng(), { kind: "selfie" })).rejects.toThrow("Please correct the highlighted fields.");
    // A technician takes photos on a visit; an admin may add one to the device directly.
    await expect(storePhoto(tech, { deviceId, kind: "label" }, await makePng())).rejects.toThrow("Take device photos from the visit's job page.");
    expect((await photoRows()).length).toBe(before);
    expect((await storePhoto(admin, { deviceId, kind: "other" }, await makePng())).replayed).toBe(false);
  });

  it("only those who may see the device get a photo: another customer, another technician and customers get 404 or refusal", async () => {
    const stored = await upload(tech, await makePng());
    for (const who of [custB, otherTech]) {
      await expect(openPhoto(who, stored.id, "thumb", null)).rejects.toBeInstanceOf(NotFoundError);
      await expect(openPhoto(who, stored.id, "full", null)).rejects.toBeInstanceOf(NotFoundError);
      await expect(listDevicePhotos(who, deviceId)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(storePhoto(otherTech, { deviceId, visitId, kind: "label" }, await makePng())).rejects.toBeInstanceOf(NotFoundError);
    await expect(storePhoto(custA, { deviceId, visitId, kind: "label" }, await makePng())).rejects.toThrow("You do not have access to this.");
    // A backup id is not a photo: the photo route never serves other files inline.
    const [backup] = await (
      await getDb()
    )
      .insert(configBackups)
      .values({
        deviceId,
        version: 9000,
        kind: "config",
        filename: "c.bin",
        contentType: "application/octet-stream",
        sizeBytes: 1,
        sha256: "0".repeat(64),
        ciphertext: Buffer.from("x"),
        iv: Buffer.alloc(12),
        authTag: Buffer.alloc(16),
        keyId: "k1",
        uploadedBy: admin.id,
      })
      .returning({ id: configBackups.id });
    await expect(openPhoto(admin, backup!.id, "full", null)).rejects.toBeInstanceOf(NotFoundError);
    // Photos are listed as photos, and never as backups.
    expect((await listDevicePhotos(custA, deviceId)).map((p) => p.id)).toContain(stored.id);
    expect((await listMyPhotos(custA)).map((p) => p.id)).toContain(stored.id);
    expect(await listMyPhotos(custB)).toEqual([]);
    expect((await listBackupsForDevice(admin, deviceId)).every((b) => b.kind !== "photo")).toBe(true);
    expect((await listMyBackups(custA)).every((b) => b.kind !== "photo")).toBe(true);
  });

  it("the same upload sent twice (a queued upload replayed) is stored once; someone else's upload id is refused", async () => {
    const clientId = randomUUID();
    const png = await makePng(64, 64);
    const [first, again] = await Promise.all([upload(tech, png, { clientId }), upload(tech, png, { clientId })]);
    expect(again.id).toBe(first.id);
    expect([first.replayed, again.replayed].sort()).toEqual([false, true]);
    const db = await getDb();
    expect(
      await db
        .select({ id: configBackups.id })
        .from(configBackups)
        .where(and(eq(configBackups.clientId, clientId))),
    ).toHaveLength(1);
    await expect(storePhoto(admin, { deviceId, visitId, kind: "label", clientId }, png)).rejects.toThrow("This upload id is already taken.");
  });
});

describe("parseTakenAt: the camera's word, when believable", () => {
  const now = new Date("2026-11-01T12:00:00Z");
  it("reads local camera time in the company's zone, or the offset the camera wrote", () => {
    expect(parseTakenAt("2026-10-30T09:14:59", "America/New_York", now)?.toISOString()).toBe("2026-10-30T13:14:59.000Z");
    expect(parseTakenAt("2026-10-30T09:14:59+01:00", "America/New_York", now)?.toISOString()).toBe("2026-10-30T08:14:59.000Z");
  });
  it("drops an unset camera clock, a time in the future, and nothing at all", () => {
    expect(parseTakenAt("1970-01-01T00:00:00", "America/New_York", now)).toBeNull();
    expect(parseTakenAt("2026-11-03T12:00:00Z", "America/New_York", now)).toBeNull();
    expect(parseTakenAt(undefined, "America/New_York", now)).toBeNull();
  });
});
