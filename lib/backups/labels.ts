// No zod here: the upload form and backup lists import these in the browser.
import type { BackupKind } from "@/db/schema";

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  config: "Configuration backup",
  guid: "Hikvision GUID file",
  vendor_request: "Vendor request file",
  vendor_result: "Vendor result file",
};
