import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { devices } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { updateMyDevice, updateMySite, listMyDevices } from "@/lib/customers/places";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/platform/errors";
import { getOutboxAttachment, getOutboxMail, listOutbox } from "@/lib/mail/outbox-read";
import { bookVisit } from "./book";
import { getMyVisit, listMyVisits, myVisitCalendar } from "./my-visits";
import { bookingInput, offeredStart } from "@/test/support/booking";

let carla: Actor;
let ben: Actor;
let admin: Actor;
let visitId: string;

beforeAll(async () => {
  await makeUser("technician", { name: "Terry Tech" });
  carla = await makeUser("customer");
  ben = await makeUser("customer");
  admin = await makeUser("admin");
  const start = await offeredStart(["dahua"], 1, 2, new Date(Date.now() + 48 * 3600_000));
  visitId = (await bookVisit(carla, bookingInput(start, { account: { mode: "existing" } }), null)).visitId;
});

describe("portal reads are scoped to the customer", () => {
  it("lists my visits with time window, technician and whether I can still change them", async () => {
    const mine = await listMyVisits(carla, "upcoming", { limit: 10 });
    expect(mine.data.map((v) => v.id)).toEqual([visitId]);
    expect(mine.data[0]).toMatchObject({ status: "scheduled", technicianName: "Terry", canChange: true, address: "5 Elm St, Cleveland, OH 44101" });
    expect((await listMyVisits(carla, "past", { limit: 10 })).data).toEqual([]);
    expect((await listMyVisits(ben, "upcoming", { limit: 10 })).data).toEqual([]);
  });

  it("pages my visits: upcoming soonest first, past and cancelled latest first, each walked once", async () => {
    const dan = await makeUser("customer");
    const day = (d: number) => new Date(Date.now() + d * 86_400_000);
    const past = [];
    for (const d of [-30, -20, -10]) past.push(await makeVisit({ customerId: dan.customerId!, technicianId: null, status: "completed", startsAt: day(d) }));
    const cancelled = await makeVisit({ customerId: dan.customerId!, technicianId: null, status: "cancelled", startsAt: day(5) });
    const ahead = [];
    for (const d of [3, 6, 9]) ahead.push(await makeVisit({ customerId: dan.customerId!, technicianId: null, startsAt: day(d) }));
    const walk = async (which: "upcoming" | "past") => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const p = await listMyVisits(dan, which, { limit: 2, cursor });
        ids.push(...p.data.map((v) => v.id));
        cursor = p.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    };
    expect(await walk("upcoming")).toEqual(ahead);
    expect(await walk("past")).toEqual([cancelled, ...[...past].reverse()]);
  });

  it("another customer gets NotFound for my visit and its calendar", async () => {
    await expect(getMyVisit(ben, visitId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(myVisitCalendar(ben, visitId)).rejects.toBeInstanceOf(NotFoundError);
    const own = await getMyVisit(carla, visitId);
    expect(own.devices[0]).toMatchObject({ label: "Dahua NVR NVR4108HS", problem: "Forgot the admin password" });
    expect((await myVisitCalendar(carla, visitId)).ics).toContain("SEQUENCE:0");
  });

  it("devices and sites are edited only by their owner, keeping recovery options the customer was not asked about", async () => {
    const [mine] = await listMyDevices(carla);
    const db = await getDb();
    await db
      .update(devices)
      .set({ recoveryOptions: { unlock_pattern: "yes", recovery_email: "yes" } })
      .where(eq(devices.id, mine!.id));
    const edit = {
      deviceId: mine!.id,
      kind: "dvr",
      model: "XVR5108",
      serial: "ABC-123",
      recovery: { recovery_email: "no", security_questions: "yes", app_account: "unknown", guid_file: "unknown", reset_button: "no" },
    };
    await expect(updateMyDevice(ben, edit, null)).rejects.toBeInstanceOf(NotFoundError);
    await updateMyDevice(carla, edit, null);
    const [row] = await db.select().from(devices).where(eq(devices.id, mine!.id));
    expect(row).toMatchObject({ kind: "dvr", model: "XVR5108", serial: "ABC-123" });
    expect(row!.recoveryOptions).toMatchObject({ unlock_pattern: "yes", recovery_email: "no", security_questions: "yes" });
    const other = await makeDevice(ben.customerId!);
    await expect(updateMyDevice(carla, { ...edit, deviceId: other }, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateMySite(carla, { siteId: crypto.randomUUID(), addressLine1: "", city: "", region: "", postalCode: "" }, null)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe("outbox (admins only)", () => {
  it("lists mail, shows one, and serves its .ics attachment", async () => {
    await expect(listOutbox(carla, {}, { limit: 10 }, null)).rejects.toBeInstanceOf(ForbiddenError);
    const list = (await listOutbox(admin, {}, { limit: 100 }, null)).data;
    const confirmation = list.find((m) => m.kind === "booking.confirmation")!;
    expect(confirmation).toMatchObject({ to: carla.email, status: "pending", attempts: 0, attachmentCount: 1 });
    const mail = await getOutboxMail(admin, confirmation.id, null);
    expect(mail.attachments[0]).toMatchObject({ index: 0, contentType: "text/calendar; charset=utf-8; method=REQUEST" });
    const file = await getOutboxAttachment(admin, confirmation.id, 0, null);
    expect(file.bytes.toString("utf8")).toContain("BEGIN:VCALENDAR");
    await expect(getOutboxAttachment(admin, confirmation.id, 1, null)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getOutboxAttachment(ben, confirmation.id, 0, null)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
