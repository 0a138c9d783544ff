import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { authorizations } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/platform/errors";
import { recordAuthorization } from "./authorization";
import { scenario, TINY_PNG } from "@/test/support/field";

const base = (visitId: string) => ({ visitId, personName: "Carla Owner", relationship: "owner" as const, mode: "signature" as const, signature: TINY_PNG });

async function rows(visitId: string) {
  const db = await getDb();
  return db.select().from(authorizations).where(eq(authorizations.visitId, visitId));
}

describe("authorization", () => {
  it("stores a drawn signature as PNG bytes with the statement, who recorded it and when", async () => {
    const s = await scenario();
    await recordAuthorization(s.tech, base(s.visitId));
    const [a] = await rows(s.visitId);
    expect(a!.signaturePng!.subarray(1, 4).toString()).toBe("PNG");
    expect(a!.statement).toMatch(/authorize the technician/);
    expect(a!.recordedBy).toBe(s.tech.id);
    expect(a!.typedAcknowledgement).toBeNull();
  });

  it("accepts a typed acknowledgement only when it is the person's name", async () => {
    const s = await scenario();
    await expect(recordAuthorization(s.tech, { ...base(s.visitId), mode: "typed", typedAcknowledgement: "ok" })).rejects.toThrow(ValidationError);
    await recordAuthorization(s.tech, { ...base(s.visitId), mode: "typed", typedAcknowledgement: "carla  owner" });
    const [a] = await rows(s.visitId);
    expect(a!.signaturePng).toBeNull();
    expect(a!.typedAcknowledgement).toBe("carla  owner");
  });

  it("never replaces the first authorization: a second is refused with who and when", async () => {
    const s = await scenario();
    await recordAuthorization(s.tech, base(s.visitId));
    await expect(recordAuthorization(s.tech, { ...base(s.visitId), personName: "Mallory" })).rejects.toThrow(
      /already has an authorization \(Carla Owner, .*\); it cannot be replaced/,
    );
    await expect(recordAuthorization(s.admin, { ...base(s.visitId), personName: "Mallory" })).rejects.toBeInstanceOf(ConflictError);
    const all = await rows(s.visitId);
    expect(all.map((a) => a.personName)).toEqual(["Carla Owner"]);
  });

  it("refuses images that are not PNGs, too large, or missing, and writes nothing", async () => {
    const s = await scenario();
    const gif = "data:image/png;base64," + Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(100)]).toString("base64");
    await expect(recordAuthorization(s.tech, { ...base(s.visitId), signature: gif })).rejects.toThrow(/not a valid image/);
    const huge = "data:image/png;base64," + Buffer.concat([Buffer.from(TINY_PNG.split(",")[1]!, "base64"), Buffer.alloc(210 * 1024)]).toString("base64");
    await expect(recordAuthorization(s.tech, { ...base(s.visitId), signature: huge })).rejects.toThrow(ValidationError);
    await expect(recordAuthorization(s.tech, { ...base(s.visitId), signature: "" })).rejects.toSatisfy(
      (e) => e instanceof ValidationError && (e.fieldErrors?.signature?.[0] ?? "").includes("sign in the box"),
    );
    await expect(recordAuthorization(s.tech, { ...base(s.visitId), personName: " " })).rejects.toThrow(ValidationError);
    expect(await rows(s.visitId)).toHaveLength(0);
  });

  it("is for the assigned technician (or an admin), on site, on an open visit", async () => {
    const s = await scenario();
    await expect(recordAuthorization(s.otherTech, base(s.visitId))).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordAuthorization(s.customer, base(s.visitId))).rejects.toBeInstanceOf(ForbiddenError);
    const t = await scenario({ status: "en_route", people: s });
    await expect(recordAuthorization(t.tech, base(t.visitId))).rejects.toThrow(/on site first/);
    expect(await rows(s.visitId)).toHaveLength(0);
    await recordAuthorization(s.admin, base(s.visitId));
    expect(await rows(s.visitId)).toHaveLength(1);
  });
});
