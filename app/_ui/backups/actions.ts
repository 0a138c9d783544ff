"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/platform/action";
import { softDeleteBackup } from "@/lib/backups/store";

export const deleteBackupAction = defineAction(
  z.object({ backupId: z.uuid("Unknown backup.") }),
  async ({ backupId }, { actor, ip }) => {
    const r = await softDeleteBackup(actor, backupId, ip);
    revalidatePath("/admin", "layout");
    return r;
  },
  { permission: "backups:delete" },
);
