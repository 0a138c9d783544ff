import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { devices } from "@/db/schema";
import { makeDevice, makeUser } from "@/test/support/factories";
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
    const mine = await listMyVisits(carla);
    expect(mine.upcoming.map((v) => v.id)).toEqual([visitId]);
    expect(mine.upcoming[0]).toMatchObject({ status: "scheduled", technicianName: "Terry", canChange: true, address: "5 Elm St, Cleveland, OH 44101" });
    expect((await listMyVisits(ben)).upcoming).toEqual([]);
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
    await expect(listOutbox(carla, null)).rejects.toBeInstanceOf(ForbiddenError);
    const list = await listOutbox(admin, null);
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
