"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { apiTokenIdSchema, createApiTokenSchema } from "@/lib/api/token-schemas";
import { createApiToken, revokeApiToken } from "@/lib/api/tokens";

export const createApiTokenAction = defineAction(
  createApiTokenSchema,
  async (input, { actor, ip }) => {
    const created = await createApiToken(actor, input, ip);
    revalidatePath("/admin/api-tokens");
    return created;
  },
  { permission: "api-tokens:manage" },
);

export const revokeApiTokenAction = defineAction(
  apiTokenIdSchema,
  async ({ id }, { actor, ip }) => {
    const r = await revokeApiToken(actor, id, ip);
    revalidatePath("/admin/api-tokens");
    return r;
  },
  { permission: "api-tokens:manage" },
);
