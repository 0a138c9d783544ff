/**
 * The company logo printed on estimates, invoices and credit notes: PNG or
 * JPEG, at most 512 KB, stored in the database (company_files) like every
 * other file. The type is read from the bytes (magic numbers), never from the
 * name or the Content-Type the browser claims.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { companyFiles } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/platform/errors";

export const MAX_LOGO_BYTES = 512 * 1024;

/** image/png or image/jpeg by the file's first bytes; null for anything else (an SVG, HTML, a renamed file). */
export function sniffLogo(b: Uint8Array): "image/png" | "image/jpeg" | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return "image/png";
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  return null;
}

export async function saveLogo(actor: Actor | null, bytes: Buffer, ip: string | null) {
  requirePermission(actor, "settings:manage");
  if (bytes.length === 0) throw new ValidationError("Choose an image file.", { logo: ["Choose an image file."] });
  if (bytes.length > MAX_LOGO_BYTES) throw new ValidationError("The logo must be at most 512 KB.", { logo: ["The logo must be at most 512 KB."] });
  const type = sniffLogo(bytes);
  if (!type) throw new ValidationError("The logo must be a PNG or JPEG image.", { logo: ["The logo must be a PNG or JPEG image (this file is not one)."] });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const row = { contentType: type, bytes, sizeBytes: bytes.length, uploadedBy: actor.id, uploadedAt: new Date() };
    await tx
      .insert(companyFiles)
      .values({ key: "logo", ...row })
      .onConflictDoUpdate({ target: companyFiles.key, set: row });
    await audit(tx, { actorId: actor.id, action: "settings.logo", entityType: "settings", details: { contentType: type, sizeBytes: bytes.length }, ip });
  });
  return { contentType: type, sizeBytes: bytes.length };
}

export async function removeLogo(actor: Actor | null, ip: string | null) {
  requirePermission(actor, "settings:manage");
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(companyFiles).where(eq(companyFiles.key, "logo"));
    await audit(tx, { actorId: actor.id, action: "settings.logo_removed", entityType: "settings", ip });
  });
  return { removed: true };
}

/** The logo as a data: URL for the settings preview (null when none). */
export async function logoDataUrl(actor: Actor | null) {
  requirePermission(actor, "settings:manage");
  const db = await getDb();
  const [l] = await db.select({ bytes: companyFiles.bytes, contentType: companyFiles.contentType }).from(companyFiles).where(eq(companyFiles.key, "logo"));
  return l ? `data:${l.contentType};base64,${l.bytes.toString("base64")}` : null;
}
