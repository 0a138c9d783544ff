/**
 * Report fixtures: a few completed visits for Carla, worked by Terry in
 * March 2021 (a month no other journey uses), written straight into the
 * tables as the field screens would. The rollup triggers do the rest.
 *   Dahua NVR   QR/DMSS  3 of 4 succeeded (one note is a formula)
 *   Dahua DVR   XML      waited on the vendor, then succeeded
 *   Hikvision   GUID     1 of 1
 *   Lorex       default  1 failed
 */
import { devices, sites, visitDevices, visits, attempts, vendorCases } from "@/db/schema";
import type { Seeder } from "../support/seed";

export const REPORT_NOTE = '=HYPERLINK("http://x","y"), with "quotes"\nand a second line';

const seed: Seeder = async ({ db, terry, carla }) => {
  await db.transaction(async (tx) => {
    const [site] = await tx
      .insert(sites)
      .values({ customerId: carla.customerId, label: "Reports shop", addressLine1: "9 Report Way", city: "Cleveland", region: "OH", postalCode: "44102" })
      .returning({ id: sites.id });
    const device = async (brand: "dahua" | "hikvision" | "lorex", kind: "dvr" | "nvr", model: string) =>
      (await tx.insert(devices).values({ customerId: carla.customerId, siteId: site!.id, brand, kind, model }).returning({ id: devices.id }))[0]!.id;
    let n = 0;
    const visit = async (deviceId: string) => {
      n++;
      const startsAt = new Date(Date.UTC(2021, 2, n, 14));
      const [v] = await tx
        .insert(visits)
        .values({
          reference: `RPT-E2E-${n}`,
          customerId: carla.customerId,
          siteId: site!.id,
          technicianId: terry.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3600_000),
          busyUntil: new Date(startsAt.getTime() + 3600_000),
          status: "completed",
          completedAt: new Date(startsAt.getTime() + 3600_000),
        })
        .returning({ id: visits.id });
      await tx.insert(visitDevices).values({ visitId: v!.id, deviceId });
      return { visitId: v!.id, startsAt };
    };
    const attempt = async (
      at: { visitId: string; startsAt: Date },
      deviceId: string,
      methodId: string,
      outcome: "succeeded" | "failed" | "waiting_vendor",
      seq = 1,
      notes?: string,
    ) =>
      (
        await tx
          .insert(attempts)
          .values({
            visitId: at.visitId,
            deviceId,
            methodId,
            outcome,
            seq,
            technicianId: terry.id,
            startedAt: at.startsAt,
            durationSeconds: 600 + seq * 60,
            notes: notes ?? null,
          })
          .returning({ id: attempts.id })
      )[0]!.id;

    for (let i = 0; i < 4; i++) {
      const d = await device("dahua", "nvr", "DHI-NVR4108");
      await attempt(await visit(d), d, "dahua_qr_dmss", i < 3 ? "succeeded" : "failed", 1, i === 3 ? REPORT_NOTE : undefined);
    }
    const dvr = await device("dahua", "dvr", "XVR5108");
    const v = await visit(dvr);
    const waiting = await attempt(v, dvr, "dahua_configtool_xml", "waiting_vendor");
    await tx.insert(vendorCases).values({
      attemptId: waiting,
      visitId: v.visitId,
      deviceId: dvr,
      vendor: "dahua",
      whatWasSent: "ConfigTool XML",
      sentAt: v.startsAt,
      dueAt: new Date(v.startsAt.getTime() + 48 * 3600_000),
      status: "result_received",
      resultReceivedAt: new Date(v.startsAt.getTime() + 30 * 3600_000),
    });
    const { eq } = await import("drizzle-orm");
    await tx.update(attempts).set({ outcome: "succeeded" }).where(eq(attempts.id, waiting)); // the vendor's answer worked
    const hik = await device("hikvision", "nvr", "DS-7608NI");
    await attempt(await visit(hik), hik, "hik_guid_file", "succeeded");
    const lorex = await device("lorex", "dvr", "D241");
    await attempt(await visit(lorex), lorex, "lorex_default_credentials", "failed");
  });
};

export default seed;
