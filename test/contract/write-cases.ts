/** The booking and write operations' contract cases (see contract.test.ts for what each case checks). */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { bookingInput } from "@/test/support/booking";
import * as bookings from "@/app/api/v1/bookings/route";
import type { Case } from "./cases";
import * as slots from "@/app/api/v1/slots/route";
import * as assign from "@/app/api/v1/visits/[id]/assign/route";
import * as attempts from "@/app/api/v1/visits/[id]/attempts/route";
import * as cancel from "@/app/api/v1/visits/[id]/cancel/route";
import * as reschedule from "@/app/api/v1/visits/[id]/reschedule/route";
import * as visitsList from "@/app/api/v1/visits/route";

const key = () => ({ "idempotency-key": randomUUID() });
/** A new customer's booking (the web form's test input) without the key, which goes in the header. */
const newBooking = (start: string) => {
  const { idempotencyKey: _k, ...body } = bookingInput(start);
  return body;
};
const bodyError = (field: string, detail: string) => ({ in: "body", field, pointer: "#/" + field.split(".").join("/"), detail });

export const WRITE_CASES: Case[] = [
  {
    op: "listSlots",
    handler: slots.GET,
    as: (w) => w.admin,
    // The same brands and device count the fixture's starts were taken with: a longer visit is not offered every start a
    // short one is (near the end of a working day), so a wider query fails at some times of day.
    url: () => "/api/v1/slots?brands=dahua&devices=1",
    ok: (b, w) => {
      const days = (b as { days: { slots: { start: string }[] }[] }).days;
      expect(days.length).toBeGreaterThan(0);
      expect(days.flatMap((d) => d.slots.map((s) => s.start))).toContain(w.starts[0]);
    },
    invalid: {
      url: () => "/api/v1/slots?brands=dahua,acme&devices=0&from=2030-02-30",
      errors: [
        { in: "query", field: "brands.1", detail: "Use dahua, lorex or hikvision." },
        { in: "query", field: "devices", detail: "Use at least 1." },
        { in: "query", field: "from", detail: "Use a date like 2026-05-12." },
      ],
    },
  },
  {
    op: "createBooking",
    handler: bookings.POST,
    as: (w) => w.admin,
    url: () => "/api/v1/bookings",
    body: (w) => newBooking(w.starts[0]!),
    headers: key,
    ok: (b, w) => expect(b).toMatchObject({ startsAt: new Date(w.starts[0]!).toISOString(), status: "scheduled", replayed: false }),
    invalid: { headers: () => ({ "idempotency-key": "short" }), errors: [{ in: "header", field: "idempotency-key", detail: "Use at least 8 characters." }] },
  },
  {
    op: "createVisit",
    handler: visitsList.POST,
    as: (w) => w.admin,
    url: () => "/api/v1/visits",
    body: (w) => ({ ...newBooking(w.starts[1]!), contact: { customerId: w.custA.customerId, name: "", email: "", phone: "" }, account: { mode: "existing" } }),
    headers: key,
    ok: (b, w) => expect(b).toMatchObject({ startsAt: new Date(w.starts[1]!).toISOString(), address: expect.stringContaining("5 Elm St"), replayed: false }),
    invalid: {
      body: (w) => ({ ...newBooking(w.starts[1]!), contact: { customerId: "nope", name: "", email: "", phone: "" } }),
      headers: key,
      errors: [bodyError("contact.customerId", "Unknown record.")],
    },
    // A customer's token books only for itself.
    otherCustomer: {
      url: () => "/api/v1/visits",
      body: (w) => ({
        ...newBooking(w.starts[2]!),
        contact: { customerId: w.custB.customerId, name: "", email: "", phone: "" },
        account: { mode: "existing" },
      }),
      status: 422,
      expect: (b) =>
        expect((b as { errors: unknown[] }).errors).toEqual([
          { in: "body", field: "contact.customerId", pointer: "#/contact/customerId", detail: "You can only book for yourself." },
        ]),
    },
  },
  {
    op: "rescheduleVisit",
    handler: reschedule.POST,
    as: (w) => w.custA,
    url: (w) => `/api/v1/visits/${w.visitMove}/reschedule`,
    params: (w) => ({ id: w.visitMove }),
    body: (w) => ({ slotStart: w.starts[2] }),
    ok: (b, w) => expect(b).toMatchObject({ visitId: w.visitMove, startsAt: new Date(w.starts[2]!).toISOString(), status: "scheduled" }),
    invalid: { body: () => ({ slotStart: "tomorrow" }), errors: [bodyError("slotStart", "Pick a new time.")] },
    otherCustomer: { url: (w) => `/api/v1/visits/${w.visitB}/reschedule`, params: (w) => ({ id: w.visitB }), expect: "404" },
  },
  {
    op: "cancelVisit",
    handler: cancel.POST,
    as: (w) => w.custA,
    url: (w) => `/api/v1/visits/${w.visitCancel}/cancel`,
    params: (w) => ({ id: w.visitCancel }),
    body: () => ({ reason: "Found the password" }),
    ok: (b, w) => expect(b).toMatchObject({ visitId: w.visitCancel, status: "cancelled" }),
    invalid: { body: () => ({ reason: "x".repeat(501) }), errors: [bodyError("reason", "Use at most 500 characters.")] },
    otherCustomer: { url: (w) => `/api/v1/visits/${w.visitB}/cancel`, params: (w) => ({ id: w.visitB }), body: () => ({}), expect: "404" },
  },
  {
    op: "assignVisit",
    handler: assign.POST,
    as: (w) => w.admin,
    url: (w) => `/api/v1/visits/${w.visitAssign}/assign`,
    params: (w) => ({ id: w.visitAssign }),
    body: (w) => ({ technicianId: w.otherTech.id, date: "2030-04-03", time: "10:00" }),
    ok: (b, w) => expect(b).toMatchObject({ id: w.visitAssign, technicianId: w.otherTech.id, status: "scheduled" }),
    invalid: { body: (w) => ({ technicianId: w.otherTech.id, date: "2030-04-03", time: "25:00" }), errors: [bodyError("time", "Use a time like 09:30.")] },
    // Admins only: there is no "other customer" for the office (a customer's token gets 403 from the role).
  },
  {
    op: "listVisitAttempts",
    handler: attempts.GET,
    as: (w) => w.tech,
    url: (w) => `/api/v1/visits/${w.visitA}/attempts`,
    params: (w) => ({ id: w.visitA }),
    ok: (b, w) =>
      expect(b).toMatchObject({
        data: [{ visitId: w.visitA, deviceId: w.deviceA, seq: 1, outcome: "waiting_vendor", technicianId: w.tech.id }],
        nextCursor: null,
      }),
    // A technician sees only visits assigned to them: B's visit (another technician's) is not found.
    otherCustomer: { as: (w) => w.tech, url: (w) => `/api/v1/visits/${w.visitB}/attempts`, params: (w) => ({ id: w.visitB }), expect: "404" },
  },
  {
    op: "createVisitAttempt",
    handler: attempts.POST,
    as: (w) => w.tech,
    url: (w) => `/api/v1/visits/${w.visitOnSite}/attempts`,
    params: (w) => ({ id: w.visitOnSite }),
    body: (w) => ({ deviceId: w.deviceA, methodId: "dahua_qr_dmss", outcome: "failed", durationSeconds: 300 }),
    ok: (b) => expect(b).toMatchObject({ seq: 1, vendorCaseId: null }),
    invalid: {
      body: (w) => ({ deviceId: w.deviceA, methodId: "dahua_qr_dmss", outcome: "maybe", durationSeconds: 300 }),
      errors: [bodyError("outcome", "Choose an outcome.")],
    },
    otherCustomer: {
      as: (w) => w.tech,
      url: (w) => `/api/v1/visits/${w.visitB}/attempts`,
      params: (w) => ({ id: w.visitB }),
      body: (w) => ({ deviceId: w.deviceB, methodId: "hik_sadp_export", outcome: "failed", durationSeconds: 60 }),
      expect: "404",
    },
  },
];
