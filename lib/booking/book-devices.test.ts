/** How a booking's devices shape its visit: the length, and the order they are shown in everywhere. */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mailOutbox, users, visits } from "@/db/schema";
import { makeUser } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { bookVisit } from "./book";
import { rescheduleOptions, slotOptions } from "./slot-options";
import { getMyVisit } from "./my-visits";
import { getVisit } from "@/lib/visits/read";
import { getJob } from "@/lib/field/job";
import { listMyVisits as listMyTechVisits } from "@/lib/field/day";
import { bookingInput, offeredStart } from "@/test/support/booking";

let admin: Actor;

beforeAll(async () => {
  await makeUser("technician", { name: "Terry Tech" }); // the one technician the slots are offered for
  admin = await makeUser("admin");
});

describe("visit length: the base covers the first device, each further device adds the extra (settings 60 + 30)", () => {
  it("books 1 device for 60 minutes and 2 for 90; the slot picker and the reschedule picker say the same", async () => {
    const db = await getDb();
    const minutes = async (visitId: string) => {
      const [v] = await db.select({ s: visits.startsAt, e: visits.endsAt }).from(visits).where(eq(visits.id, visitId));
      return (v!.e.getTime() - v!.s.getTime()) / 60_000;
    };
    const one = await bookVisit(null, bookingInput(await offeredStart(["dahua"], 1, 3)), null);
    expect(await minutes(one.visitId)).toBe(60);
    const base = bookingInput(await offeredStart(["dahua"], 2, 5));
    const two = await bookVisit(null, { ...base, devices: [base.devices[0]!, { ...base.devices[0]!, model: "DH-XVR5108" }] }, null);
    expect(await minutes(two.visitId)).toBe(90);
    expect((await slotOptions({ brands: ["dahua"], deviceCount: 1 })).visitMinutes).toBe(60);
    expect((await slotOptions({ brands: ["dahua"], deviceCount: 2 })).visitMinutes).toBe(90);
    expect((await rescheduleOptions(admin, two.visitId)).visitMinutes).toBe(90);
  });
});

describe("the devices of a visit keep the order the customer entered them in", () => {
  it("in the confirmation email, the portal, the job page, the technician's day and the API", async () => {
    const base = bookingInput(await offeredStart(["dahua", "hikvision", "lorex"], 5, 7));
    const entered = [
      { brand: "lorex", kind: "dvr", model: "D241-ORDER1" },
      { brand: "hikvision", kind: "nvr", model: "DS-ORDER2" },
      { brand: "dahua", kind: "nvr", model: "NVR-ORDER3" },
      { brand: "lorex", kind: "nvr", model: "N841-ORDER4" },
      { brand: "dahua", kind: "dvr", model: "XVR-ORDER5" },
    ] as const;
    const c = await bookVisit(
      null,
      {
        ...base,
        account: { mode: "password", password: "correct horse battery staple", confirmPassword: "correct horse battery staple" },
        devices: entered.map((d) => ({ ...base.devices[0]!, ...d })),
      },
      null,
    );
    const models = entered.map((d) => d.model);
    const inOrder = (texts: string[]) => models.map((m) => texts.findIndex((t) => t.includes(m)));
    const db = await getDb();
    const [mail] = await db
      .select({ text: mailOutbox.textBody })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.visitId, c.visitId), eq(mailOutbox.kind, "booking.confirmation")));
    const lines = mail!.text.split("\n");
    const at = inOrder(lines);
    expect(at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1]!), `email lines ${at}`).toBe(true);

    const [login] = await db
      .select({ id: users.id, email: users.email, name: users.name, customerId: users.customerId })
      .from(users)
      .where(eq(users.email, base.contact.email));
    const customer: Actor = { ...login!, role: "customer" };
    expect((await getMyVisit(customer, c.visitId)).devices.map((d) => d.label)).toEqual(inOrder(models).map((_, i) => expect.stringContaining(models[i]!)));
    expect((await getVisit(admin, c.visitId)).devices.map((d) => d.model)).toEqual(models);
    expect((await getJob(admin, c.visitId)).devices.map((d) => d.model)).toEqual(models);
    const [v] = await db.select({ technicianId: visits.technicianId, startsAt: visits.startsAt }).from(visits).where(eq(visits.id, c.visitId));
    const tech: Actor = {
      ...(
        await db.select({ id: users.id, email: users.email, name: users.name, customerId: users.customerId }).from(users).where(eq(users.id, v!.technicianId!))
      )[0]!,
      role: "technician",
    };
    const day = await listMyTechVisits(tech, "today", new Date(v!.startsAt.getTime() - 60_000));
    expect(day.visits.find((x) => x.id === c.visitId)!.devices.map((label) => models.findIndex((m) => label.includes(m)))).toEqual([0, 1, 2, 3, 4]);
  });
});
