import { expect, it } from "vitest";
import { BACKUP_KINDS } from "@/db/schema";
import { UPLOAD_KINDS, uploadMetaSchema } from "./schemas";

it("the upload form's kinds are exactly the database's backup kinds but photos (the client-safe copy stays in step)", () => {
  expect([...UPLOAD_KINDS].sort()).toEqual(BACKUP_KINDS.filter((k) => k !== "photo").sort());
  const id = "00000000-0000-4000-8000-000000000001";
  for (const kind of UPLOAD_KINDS) expect(uploadMetaSchema.parse({ deviceId: id, kind, filename: "a.bin" }).kind).toBe(kind);
  // A photo goes through the photo upload, which checks the bytes are an image; the file upload refuses the kind.
  expect(uploadMetaSchema.safeParse({ deviceId: id, kind: "photo", filename: "a.jpg" }).success).toBe(false);
  expect(uploadMetaSchema.safeParse({ deviceId: id, kind: "firmware", filename: "a.bin" }).success).toBe(false);
});
