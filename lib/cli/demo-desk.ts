/**
 * The demo company's open work, so the office's desk has something on it
 * (`npm run demo`, lib/cli/demo.ts): today's visits in every state around the
 * time the demo is loaded, requests waiting to be scheduled, vendor cases
 * overdue and due soon, emails that failed, and config backups for most of
 * the devices a wiping reset left bare (the others stay on the overview's
 * "devices to back up").
 */
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Tx } from "@/db/client";
import { attempts, authorizations, mailOutbox, recoveryMethods, vendorCases, visitDevices, visits, type Brand, type VisitStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { storeBackup } from "@/lib/backups/store";
import type { CompanySettings } from "@/lib/settings/company";

type Dev = { id: string; brand: Brand };
type Ctx = {
  admin: Actor;
  techs: { id: string; brands: Brand[] }[];
  custs: { id: string; siteId: string; devices: Dev[] }[];
  settings: CompanySettings;
  rand: () => number;
  /** The next visit reference. */
  reference: () => string;
};

export async function addDeskWork(tx: Tx, c: Ctx, now = new Date()) {
  const zone = c.settings.timeZone;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(c.rand() * xs.length)]!;
  const minutesFor = (n: number) => Math.min(c.settings.visitBaseMinutes + c.settings.visitPerDeviceMinutes * Math.max(0, n - 1), 120);
  const half = (d: DateTime) => d.set({ minute: d.minute < 30 ? 0 : 30, second: 0, millisecond: 0 });
  const nowLocal = DateTime.fromJSDate(now, { zone });

  const addVisit = async (o: { techId: string | null; start: DateTime; status: VisitStatus; devs: Dev[]; notes?: string }) => {
    const id = randomUUID();
    const end = o.start.plus({ minutes: minutesFor(o.devs.length) });
    await tx.insert(visits).values({
      id,
      reference: c.reference(),
      customerId: c.custs.find((x) => x.devices.some((d) => d.id === o.devs[0]!.id))!.id,
      siteId: c.custs.find((x) => x.devices.some((d) => d.id === o.devs[0]!.id))!.siteId,
      technicianId: o.techId,
      startsAt: o.start.toJSDate(),
      endsAt: end.toJSDate(),
      busyUntil: end.plus({ minutes: c.settings.travelBufferMinutes }).toJSDate(),
      status: o.status,
      completedAt: o.status === "completed" ? end.toJSDate() : null,
      bookingNotes: o.notes ?? null,
      createdAt: o.start.minus({ days: 3 }).toJSDate(),
    });
    await tx.insert(visitDevices).values(o.devs.map((d) => ({ visitId: id, deviceId: d.id, problem: "Forgot the admin password" })));
    return { id, start: o.start, end };
  };
  const authorize = (visitId: string, techId: string, at: DateTime) =>
    tx.insert(authorizations).values({
      visitId,
      personName: "Site manager",
      relationship: "manager",
      statement: "I own or administer these devices and authorize the technician to recover access.",
      typedAcknowledgement: "Acknowledged on site",
      recordedBy: techId,
      recordedAt: at.toJSDate(),
    });
  const attempt = (
    visitId: string,
    deviceId: string,
    techId: string,
    methodId: string,
    seq: number,
    at: DateTime,
    outcome: "succeeded" | "failed" | "waiting_vendor",
  ) => {
    const id = randomUUID();
    return tx
      .insert(attempts)
      .values({
        id,
        visitId,
        deviceId,
        methodId,
        seq,
        technicianId: techId,
        startedAt: at.toJSDate(),
        endedAt: at.plus({ minutes: 12 }).toJSDate(),
        durationSeconds: 720,
        outcome,
        createdAt: at.plus({ minutes: 12 }).toJSDate(),
        updatedAt: at.plus({ minutes: 12 }).toJSDate(),
      })
      .then(() => id);
  };
  const devsFor = (techBrands: Brand[]) => {
    for (let i = 0; i < 50; i++) {
      const cust = pick(c.custs);
      const devs = cust.devices.filter((d) => techBrands.includes(d.brand));
      if (devs.length) return devs.slice(0, 2);
    }
    return null;
  };
  const firstMethod = { dahua: "dahua_qr_dmss", hikvision: "hik_reserved_email_qr", lorex: "lorex_app_temp_password" } as const;

  // Today, around now: one finished this morning, one in progress, one on the way or next, one later.
  for (const [i, tech] of c.techs.entries()) {
    const plan: { offsetH: number; status: VisitStatus }[] = [
      { offsetH: -4.5, status: "completed" },
      { offsetH: -1, status: "on_site" },
      { offsetH: 1.5, status: i === c.techs.length - 1 ? "en_route" : "scheduled" },
      { offsetH: 4, status: "scheduled" },
    ];
    for (const p of plan) {
      if (i === c.techs.length - 1 && p.offsetH < 0) continue; // one technician starts late
      const start = half(nowLocal.plus({ minutes: p.offsetH * 60 }));
      if (!start.hasSame(nowLocal, "day")) continue; // only today's
      const devs = devsFor(tech.brands);
      if (!devs) continue;
      const v = await addVisit({ techId: tech.id, start, status: p.status, devs });
      if (p.status === "completed" || p.status === "on_site") {
        await authorize(v.id, tech.id, start.plus({ minutes: 5 }));
        await attempt(
          v.id,
          devs[0]!.id,
          tech.id,
          firstMethod[devs[0]!.brand],
          1,
          start.plus({ minutes: 10 }),
          p.status === "completed" ? "succeeded" : "failed",
        );
      }
    }
  }

  // Requests nobody has placed yet: the next working days.
  for (let i = 0; i < 4; i++) {
    const devs = devsFor(["dahua", "hikvision", "lorex"])!;
    const day = nowLocal.plus({ days: 1 + i }).set({ hour: [10, 13, 15, 9][i]!, minute: 0, second: 0, millisecond: 0 });
    await addVisit({ techId: null, start: day, status: "requested", devs, notes: "Asked to be called first." });
  }

  // Vendor cases: one overdue by most of a day, one falling due within the day. Each on a visit still waiting on the vendor;
  // sent the usual due time before its due time, so both visits lie in the past (no active visit of anyone's is there).
  for (const [k, dueInHours] of [-20, 10].entries()) {
    const tech = c.techs.filter((t) => t.brands.includes("dahua"))[k % 2]!;
    const devs = devsFor(["dahua"]);
    if (!devs) continue;
    const due = nowLocal.plus({ hours: dueInHours }).set({ second: 0, millisecond: 0 });
    const sent = due.minus({ hours: c.settings.vendorCaseDueHours });
    const start = sent.minus({ minutes: 40 });
    const v = await addVisit({ techId: tech.id, start, status: "waiting_vendor", devs: devs.slice(0, 1) });
    await authorize(v.id, tech.id, start.plus({ minutes: 5 }));
    const attemptId = await attempt(v.id, devs[0]!.id, tech.id, "dahua_configtool_xml", 1, sent.minus({ minutes: 12 }), "waiting_vendor");
    await tx.insert(vendorCases).values({
      attemptId,
      visitId: v.id,
      deviceId: devs[0]!.id,
      vendor: "dahua",
      whatWasSent: "ConfigTool password reset XML",
      sentAt: sent.toJSDate(),
      dueAt: due.toJSDate(),
      status: "open",
    });
  }

  // Two emails the mail server refused for good.
  for (const [to, err] of [
    ["old-address@demo.fieldkey.test", "550 5.1.1 <old-address@demo.fieldkey.test>: Recipient address rejected: mailbox unavailable"],
    ["typo@demo-fieldkey.test", "getaddrinfo ENOTFOUND demo-fieldkey.test"],
  ] as const) {
    await tx.insert(mailOutbox).values({
      kind: "visit.reminder",
      toAddress: to,
      subject: "Reminder: your FieldKey visit tomorrow",
      textBody: "Hello, this is a reminder of your visit tomorrow.",
      status: "failed",
      attempts: 5,
      lastError: err,
      createdAt: nowLocal.minus({ hours: 20 }).toJSDate(),
      nextAttemptAt: nowLocal.minus({ hours: 2 }).toJSDate(),
    });
  }

  // Config backups after most wiping resets; the rest are the overview's "devices to back up".
  const wiped = await tx
    .selectDistinct({ deviceId: attempts.deviceId, visitId: attempts.visitId })
    .from(attempts)
    .innerJoin(recoveryMethods, eq(recoveryMethods.id, attempts.methodId))
    .where(and(eq(attempts.outcome, "succeeded"), eq(recoveryMethods.wipesConfig, "yes")));
  const seen = new Set<string>();
  for (const w of wiped) {
    if (seen.has(w.deviceId)) continue;
    seen.add(w.deviceId);
    if (c.rand() < 0.25) continue;
    await storeBackup(
      c.admin,
      {
        deviceId: w.deviceId,
        kind: "config",
        filename: "configFileExport.backup",
        contentType: "application/octet-stream",
        bytes: randomBytes(2048 + Math.floor(c.rand() * 4096)),
      },
      { tx },
    );
  }
}
