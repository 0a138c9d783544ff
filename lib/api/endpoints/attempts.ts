import { z } from "zod";
import { ATTEMPT_OUTCOMES } from "@/db/schema";
import { defineEndpoint, idParams, pageOf } from "@/lib/api/registry";
import { logAttemptSchema } from "@/lib/field/schemas";

const tag = "Attempts";
const ts = () => z.iso.datetime({ offset: true });

export const attemptDto = z
  .object({
    id: z.uuid(),
    visitId: z.uuid(),
    deviceId: z.uuid(),
    seq: z.number().int().meta({ description: "Order among the attempts on this device in this visit" }),
    methodId: z.string(),
    methodName: z.string(),
    technicianId: z.uuid(),
    outcome: z.enum(ATTEMPT_OUTCOMES),
    startedAt: ts().nullable(),
    endedAt: ts().nullable(),
    durationSeconds: z.number().int().nullable(),
    description: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: ts(),
  })
  .meta({ id: "Attempt" });

export const listAttemptsEndpoint = defineEndpoint({
  operationId: "listVisitAttempts",
  method: "get",
  path: "/api/v1/visits/{id}/attempts",
  summary: "A visit's recovery attempts",
  description: "Admins' tokens: any visit; technicians' tokens: visits assigned to them.",
  tag,
  scope: "attempts:read",
  params: idParams("Visit id"),
  response: { status: 200, description: "Every attempt on the visit (one page)", schema: pageOf(attemptDto, "AttemptPage") },
});

/** The field app's schema without the visit (it is in the path); its cross-field checks run again in logAttempt. */
const { visitId: _visitId, ...attemptFields } = logAttemptSchema.shape;

export const createAttemptEndpoint = defineEndpoint({
  operationId: "createVisitAttempt",
  method: "post",
  path: "/api/v1/visits/{id}/attempts",
  summary: "Log a recovery attempt (technicians, on their own visits)",
  description:
    "As in the field app: the visit must be on site with the customer's authorization recorded; `waiting_vendor` needs `vendorCase` and opens a vendor case, once the method's evidence checklist is complete (photos taken in the field app, device facts, the exported request file): otherwise 409, whose `detail` lists what is missing. Opening a case drafts the email to the vendor's support address (settings) unless `vendorCase.emailVendor` is false. A device waiting on the vendor takes no new attempts (409).",
  tag,
  scope: "attempts:write",
  readScope: "attempts:read",
  params: idParams("Visit id"),
  body: z.object(attemptFields),
  response: {
    status: 201,
    description: "The attempt (and the vendor case it opened, if any)",
    schema: z
      .object({
        attemptId: z.uuid(),
        seq: z.number().int(),
        vendorCaseId: z.uuid().nullable(),
        emailedTo: z.string().nullable().meta({ description: "Where the vendor case's email was drafted to (in the outbox), if one was" }),
      })
      .meta({ id: "AttemptCreated" }),
  },
  extraErrors: [409],
});
