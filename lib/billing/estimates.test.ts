/** Estimates (quotes): accepting (portal and on site), declining, and versions. */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { estimates } from "@/db/schema";
import { ConflictError, NotFoundError } from "@/lib/platform/errors";
import { billingPeople, lines, sentEstimate, type BillingPeople } from "@/test/support/billing";
import { acceptEstimate, acceptEstimateOnSite, declineEstimate, saveEstimateLines, startEstimate } from "./estimates";

let p: BillingPeople;
beforeAll(async () => {
  p = await billingPeople();
});

const ctx = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (test)" };

describe("estimates", () => {
  it("the customer accepts with a typed name (time, address, browser kept); accepting twice is refused; accepted is immutable and replaced by a new version", async () => {
    const e = await sentEstimate(p);
    await expect(acceptEstimate(p.otherCustomer, { estimateId: e.estimateId, revision: 1, name: "Mallory" }, ctx)).rejects.toBeInstanceOf(NotFoundError);
    await acceptEstimate(p.customer, { estimateId: e.estimateId, revision: 1, name: "Carla Owner" }, ctx);
    const db = await getDb();
    const [row] = await db.select().from(estimates).where(eq(estimates.id, e.estimateId));
    expect(row).toMatchObject({ status: "accepted", acceptedName: "Carla Owner", acceptedIp: ctx.ip, acceptedUserAgent: ctx.userAgent, acceptedVia: "portal" });
    await expect(acceptEstimate(p.customer, { estimateId: e.estimateId, revision: 1, name: "Carla Owner" }, ctx)).rejects.toThrow(
      "already accepted by Carla Owner",
    );
    await expect(saveEstimateLines(p.admin, { estimateId: e.estimateId, lines: lines("1.00") })).rejects.toBeInstanceOf(ConflictError);
    await expect(db.update(estimates).set({ totalCents: 1, subtotalCents: 1, taxCents: 0 }).where(eq(estimates.id, e.estimateId))).rejects.toThrow();
    const next = await startEstimate(p.admin, { visitId: e.visitId });
    expect(next.version).toBe(2);
    const [old] = await db.select().from(estimates).where(eq(estimates.id, e.estimateId));
    expect(old).toMatchObject({ status: "accepted", acceptedName: "Carla Owner" });
    expect(old!.supersededAt).not.toBeNull();
  });

  it("an edit after sending makes an open page stale; the technician takes the acceptance on site; decline works once", async () => {
    const e = await sentEstimate(p);
    await saveEstimateLines(p.admin, { estimateId: e.estimateId, lines: lines("120.00") });
    await expect(acceptEstimate(p.customer, { estimateId: e.estimateId, revision: 1, name: "Carla Owner" }, ctx)).rejects.toThrow(
      "changed since it was opened",
    );
    await expect(acceptEstimateOnSite(p.otherTech, { visitId: e.visitId, estimateId: e.estimateId, revision: 2, name: "Carla" }, ctx)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await acceptEstimateOnSite(p.tech, { visitId: e.visitId, estimateId: e.estimateId, revision: 2, name: "Carla Owner" }, ctx);
    await expect(declineEstimate(p.customer, { estimateId: e.estimateId })).rejects.toThrow("already accepted");
    const d = await sentEstimate(p);
    await declineEstimate(p.customer, { estimateId: d.estimateId, reason: "Too dear" });
    await expect(acceptEstimate(p.customer, { estimateId: d.estimateId, revision: 1, name: "Carla Owner" }, ctx)).rejects.toThrow("declined");
  });
});
