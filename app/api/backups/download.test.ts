/** GET /api/backups/:id/download beyond lib/backups: a download must be the signed-in person's own doing (finding 13). */
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { storeBackup } from "@/lib/backups/store";
import { makeDevice, makeUser } from "@/test/support/factories";

const who = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/actor", () => ({ getActor: async () => who.actor, requestIp: async () => "198.51.100.95" }));

const { GET } = await import("./[id]/download/route");

let backupId: string;
beforeAll(async () => {
  const admin = await makeUser("admin");
  const customer = await makeUser("customer");
  who.actor = admin;
  const deviceId = await makeDevice(customer.customerId!);
  ({ id: backupId } = await storeBackup(admin, {
    deviceId,
    kind: "config",
    filename: "cfg.bin",
    contentType: "application/octet-stream",
    bytes: Buffer.from("config"),
  }));
});

const downloads = async () =>
  Number(
    (
      await (
        await getDb()
      )
        .select({ n: count() })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "backup.download"), eq(auditEvents.entityId, backupId)))
    )[0]!.n,
  );
const get = (headers: Record<string, string>, method = "GET") =>
  GET(new Request(`http://localhost/api/backups/${backupId}/download`, { method, headers }), { params: Promise.resolve({ id: backupId }) });

describe("backup downloads (finding 13)", () => {
  it("a download started from another site (Sec-Fetch-Site cross-site or same-site) is refused and writes no audit row", async () => {
    const before = await downloads();
    for (const site of ["cross-site", "same-site"]) {
      const res = await get({ "sec-fetch-site": site, "sec-fetch-mode": "navigate" });
      expect(res.status, site).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await downloads()).toBe(before);
  });

  it("a HEAD is refused (405, Allow: GET) and writes no audit row", async () => {
    const before = await downloads();
    const res = await get({}, "HEAD");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(await downloads()).toBe(before);
  });

  it("from FieldKey's own page, a typed URL, or a client without Sec-Fetch-Site: the file, audited", async () => {
    const before = await downloads();
    for (const headers of [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, {}] as Record<string, string>[]) {
      const res = await get(headers);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).toString()).toBe("config");
    }
    expect(await downloads()).toBe(before + 3);
  });
});
