import { z } from "zod";
import { pageQuerySchema } from "@/lib/platform/pagination";
import { defineEndpoint, idParams, pageOf } from "@/lib/api/registry";
import { backupDto, deviceDto } from "./dto";

const tag = "Devices and backups";

export const listDevicesEndpoint = defineEndpoint({
  operationId: "listDevices",
  method: "get",
  path: "/api/v1/devices",
  summary: "List devices",
  description: "Admins see all devices, technicians those on visits assigned to them, customers their own.",
  tag,
  scope: "devices:read",
  query: pageQuerySchema.extend({ customerId: z.uuid("Use a customer's id.").optional().meta({ description: "Only this customer's devices" }) }),
  response: { status: 200, description: "A page of devices", schema: pageOf(deviceDto, "DevicePage") },
});

export const getDeviceEndpoint = defineEndpoint({
  operationId: "getDevice",
  method: "get",
  path: "/api/v1/devices/{id}",
  summary: "Get a device",
  tag,
  scope: "devices:read",
  params: idParams("Device id"),
  response: { status: 200, description: "The device", schema: deviceDto },
});

export const listDeviceBackupsEndpoint = defineEndpoint({
  operationId: "listDeviceBackups",
  method: "get",
  path: "/api/v1/devices/{id}/backups",
  summary: "List a device's config backups (metadata)",
  description: "Every version, newest first. Metadata only; download the bytes with downloadBackup.",
  tag,
  scope: "backups:read",
  params: idParams("Device id"),
  response: { status: 200, description: "All backup versions of the device", schema: pageOf(backupDto, "BackupPage") },
});

export const downloadBackupEndpoint = defineEndpoint({
  operationId: "downloadBackup",
  method: "get",
  path: "/api/v1/backups/{id}/download",
  summary: "Download a config backup",
  description:
    "The plain bytes, after the stored checksum and authentication tag are verified (a tampered backup is refused with 409). Every download is audited. " +
    "`X-Backup-Sha256` carries the sha256 of the bytes.",
  tag,
  scope: "backups:read",
  params: idParams("Backup id"),
  extraErrors: [409],
  response: { status: 200, description: "The backup file", contentType: "application/octet-stream" },
});
