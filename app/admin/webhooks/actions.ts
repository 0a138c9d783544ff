"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { createWebhookEndpoint, disableWebhookEndpoint, webhooksAllowPrivate } from "@/lib/webhooks/endpoints";
import { createWebhookSchemaFor, webhookIdSchema } from "@/lib/webhooks/schemas";

export const createWebhookAction = defineAction(
  createWebhookSchemaFor(webhooksAllowPrivate()),
  async (input, { actor, ip }) => {
    const created = await createWebhookEndpoint(actor, input, ip);
    revalidatePath("/admin/webhooks");
    return created;
  },
  { permission: "webhooks:manage" },
);

export const disableWebhookAction = defineAction(
  webhookIdSchema,
  async ({ id }, { actor, ip }) => {
    const r = await disableWebhookEndpoint(actor, id, ip);
    revalidatePath("/admin/webhooks");
    return r;
  },
  { permission: "webhooks:manage" },
);
