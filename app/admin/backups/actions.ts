"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/platform/action";
import { rotateBackupKeys } from "@/lib/backups/rotate";

export const rotateKeysAction = defineAction(
  z.object({}),
  async (_input, { actor, ip }) => {
    const r = await rotateBackupKeys(actor, { ip });
    revalidatePath("/admin/backups");
    return { reencrypted: r.reencrypted, failed: r.failed.map((f) => f.id) };
  },
  { permission: "settings:manage" },
);
