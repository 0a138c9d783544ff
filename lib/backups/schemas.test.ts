import { expect, it } from "vitest";
import { BACKUP_KINDS } from "@/db/schema";
import { UPLOAD_KINDS, uploadMetaSchema } from "./schemas";

it("the upload form's kinds are exactly the database's backup kinds (the client-safe copy stays in step)", () => {
  expect([...UPLOAD_KINDS].sort()).toEqual([...BACKUP_KINDS].sort());
  const id = "00000000-0000-4000-8000-000000000001";
  for (const kind of BACKUP_KINDS) expect(uploadMetaSchema.parse({ deviceId: id, kind, filename: "a.bin" }).kind).toBe(kind);
  expect(uploadMetaSchema.safeParse({ deviceId: id, kind: "firmware", filename: "a.bin" }).success).toBe(false);
});
