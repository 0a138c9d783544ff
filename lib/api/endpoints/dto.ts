import { z } from "zod";
import { BACKUP_KINDS, BRANDS, DEVICE_KINDS, VENDOR_CASE_STATUSES, VENDORS, VISIT_STATUSES, WARRANTY_SEALS } from "@/db/schema";

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
    kind: z.enum(BACKUP_KINDS),
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
    vendor: z.enum(VENDORS),
    whatWasSent: z.string(),
    status: z.enum(VENDOR_CASE_STATUSES),
    sentAt: ts(),
    dueAt: ts(),
    overdue: z.boolean(),
    resultReceivedAt: tsOrNull(),
    closedAt: tsOrNull(),
    createdAt: ts(),
  })
  .meta({ id: "VendorCase" });
