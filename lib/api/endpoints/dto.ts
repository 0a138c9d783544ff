import { z } from "zod";
import { BRANDS, DEVICE_KINDS, VENDOR_CASE_CLOSE_REASONS, VENDOR_CASE_STATUSES, VENDORS, VISIT_STATUSES, WARRANTY_SEALS } from "@/db/schema";
import { UPLOAD_KINDS } from "@/lib/backups/schemas";

/** Response shapes of /api/v1: documented in OpenAPI and enforced on every response (extra columns are dropped). */
const ts = () => z.iso.datetime({ offset: true });
const tsOrNull = () => ts().nullable();

export const customerDto = z
  .object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), createdAt: ts() })
  .meta({ id: "Customer" });

export const customerListItemDto = customerDto
  .extend({ deviceCount: z.number().int().min(0), visitCount: z.number().int().min(0) })
  .meta({ id: "CustomerListItem" });

export const siteDto = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    label: z.string().nullable(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    city: z.string(),
    region: z.string(),
    postalCode: z.string(),
    accessNotes: z.string().nullable(),
    createdAt: ts(),
  })
  .meta({ id: "Site" });

const triState = z.enum(["yes", "no", "unknown"]);
export const deviceDto = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    siteId: z.uuid().nullable(),
    brand: z.enum(BRANDS),
    kind: z.enum(DEVICE_KINDS),
    model: z.string().nullable(),
    serial: z.string().nullable(),
    firmware: z.string().nullable(),
    mac: z.string().nullable(),
    channels: z.number().int().nullable(),
    lorexDeviceId: z.string().nullable(),
    recoveryOptions: z
      .record(z.string(), triState)
      .meta({ description: "Recovery options ever set up: recovery_email, security_questions, app_account, guid_file, reset_button, unlock_pattern" }),
    warrantySeal: z.enum(WARRANTY_SEALS),
  })
  .meta({ id: "Device" });

export const visitDto = z
  .object({
    id: z.uuid(),
    reference: z.string().meta({ example: "FK-7Q4M2X" }),
    status: z.enum(VISIT_STATUSES),
    customerId: z.uuid(),
    customerName: z.string(),
    siteId: z.uuid(),
    siteLabel: z.string().nullable(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    city: z.string(),
    region: z.string(),
    postalCode: z.string(),
    technicianId: z.uuid().nullable(),
    technicianName: z.string().nullable(),
    startsAt: ts(),
    endsAt: ts(),
    bookingNotes: z.string().nullable(),
    cancelledAt: tsOrNull(),
    cancelReason: z.string().nullable(),
    completedAt: tsOrNull(),
    createdAt: ts(),
    updatedAt: ts(),
  })
  .meta({ id: "Visit" });

export const visitDetailDto = visitDto
  .extend({
    devices: z.array(
      z.object({ deviceId: z.uuid(), brand: z.enum(BRANDS), kind: z.enum(DEVICE_KINDS), model: z.string().nullable(), problem: z.string().nullable() }),
    ),
  })
  .meta({ id: "VisitDetail" });

export const backupDto = z
  .object({
    id: z.uuid(),
    deviceId: z.uuid(),
    visitId: z.uuid().nullable(),
    version: z.number().int(),
    kind: z.enum(UPLOAD_KINDS), // device photos are not backups: they are listed apart (lib/photos)
    filename: z.string(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string().meta({ description: "sha256 of the plain bytes, hex" }),
    firmwareAtExport: z.string().nullable(),
    note: z.string().nullable(),
    uploadedAt: ts(),
    uploadedByName: z.string(),
  })
  .meta({ id: "BackupMetadata" });

export const vendorCaseDto = z
  .object({
    id: z.uuid(),
    visitId: z.uuid(),
    visitReference: z.string(),
    deviceId: z.uuid(),
    attemptId: z.uuid(),
    methodId: z.string().meta({ description: "The recovery method the case follows (its catalogue entry says how long the answer lives)" }),
    vendor: z.enum(VENDORS),
    whatWasSent: z.string(),
    status: z.enum(VENDOR_CASE_STATUSES),
    sentAt: ts(),
    dueAt: ts(),
    overdue: z.boolean(),
    resultReceivedAt: tsOrNull(),
    expiresAt: tsOrNull().meta({
      description:
        "Once the answer is in: when it stops being usable (the method's validity: hours, or the end of that day in the company's time zone); null while waiting, or when no source says",
    }),
    closedAt: tsOrNull(),
    closedReason: z
      .enum(VENDOR_CASE_CLOSE_REASONS)
      .nullable()
      .meta({ description: "How an ended case ended: answered (used), no_answer, expired_unused (its clock ran out), voided (e.g. a reboot)" }),
    createdAt: ts(),
  })
  .meta({ id: "VendorCase" });
