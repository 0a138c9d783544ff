import "server-only";
import { eq } from "drizzle-orm";
import { formatDateTime } from "@/lib/format/dates";
import { inTransaction, type WriteOptions } from "@/db/client";
import { authorizations } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/permissions";
import { ConflictError, parseInput, ValidationError } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { assertOnSite, loadWorkVisit } from "./access";
import { AUTHORIZATION_STATEMENT, MAX_SIGNATURE_BYTES, authorizationSchema } from "./schemas";

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decode a data:image/png;base64 URL and check it really is a PNG of sensible size. */
export function decodeSignature(dataUrl: string): Buffer {
  const b64 = dataUrl.replace(/^data:image\/png;base64,/, "");
  const bytes = Buffer.from(b64, "base64");
  if (bytes.length > MAX_SIGNATURE_BYTES)
    throw new ValidationError("The signature image is too large.", { signature: ["The signature image is too large (over 200 KB)."] });
  if (bytes.length < 67 || !bytes.subarray(0, 8).equals(PNG_MAGIC) || bytes.subarray(12, 16).toString("latin1") !== "IHDR") {
    throw new ValidationError("The signature is not a valid image.", { signature: ["The signature is not a valid PNG image; ask them to sign again."] });
  }
  return bytes;
}

/**
 * Record who on site authorizes the work. One per visit: a second one is
 * refused with who recorded the first and when, never replaces it.
 */
export async function recordAuthorization(actor: Actor | null, input: unknown, ip: string | null = null, opts: WriteOptions = {}) {
  const data = parseInput(authorizationSchema, input);
  const signaturePng = data.mode === "signature" ? decodeSignature(data.signature) : null;
  const s = await getSettings(opts.tx);
  return inTransaction(opts.tx, async (tx) => {
    const v = await loadWorkVisit(tx, actor, data.visitId, { lock: true });
    assertOnSite(v);
    const [existing] = await tx
      .select({ personName: authorizations.personName, recordedAt: authorizations.recordedAt })
      .from(authorizations)
      .where(eq(authorizations.visitId, v.id));
    if (existing) {
      const when = formatDateTime(existing.recordedAt, s);
      throw new ConflictError(`This visit already has an authorization (${existing.personName}, ${when}); it cannot be replaced.`);
    }
    const [row] = await tx
      .insert(authorizations)
      .values({
        visitId: v.id,
        personName: data.personName,
        relationship: data.relationship,
        statement: AUTHORIZATION_STATEMENT,
        signaturePng,
        typedAcknowledgement: data.mode === "typed" ? data.typedAcknowledgement : null,
        recordedBy: actor!.id,
      })
      .returning({ id: authorizations.id, recordedAt: authorizations.recordedAt });
    await audit(tx, {
      actorId: actor!.id,
      action: "authorization.record",
      entityType: "visit",
      entityId: v.id,
      details: { personName: data.personName, relationship: data.relationship, mode: data.mode, signatureBytes: signaturePng?.length ?? 0 },
      ip,
    });
    return row!;
  });
}
