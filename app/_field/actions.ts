"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { logAttempt, correctAttempt } from "@/lib/field/attempts";
import { recordAuthorization } from "@/lib/field/authorization";
import { completeVisit } from "@/lib/field/completion";
import { updateDeviceFacts } from "@/lib/field/devices";
import {
  advanceVisitSchema,
  attachVendorFileSchema,
  authorizationSchema,
  completeVisitSchema,
  correctAttemptSchema,
  deviceFactsSchema,
  logAttemptSchema,
  undoVisitStatusSchema,
} from "@/lib/field/schemas";
import { advanceVisit, undoVisitStatus } from "@/lib/field/status";
import { closeVendorCase, recordVendorResult } from "@/lib/vendor-cases/manage";
import { closeVendorCaseSchema, recordVendorResultSchema } from "@/lib/vendor-cases/schemas";
import { attachVendorFile } from "@/lib/field/vendor-files";

/** Field-work actions, shared by the technician's and the admin's job pages. Each lib function checks access again. */
function refresh() {
  revalidatePath("/tech");
  revalidatePath("/tech/visits/[id]", "page");
  revalidatePath("/admin/visits/[id]", "page");
  revalidatePath("/admin/vendor-cases");
}

export const advanceVisitAction = defineAction(
  advanceVisitSchema,
  async (input, { actor, ip }) => {
    const r = await advanceVisit(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "jobs:work" },
);

/** Undo the last status tap within its window (lib/field/moves.ts). */
export const undoVisitStatusAction = defineAction(
  undoVisitStatusSchema,
  async (input, { actor, ip }) => {
    const r = await undoVisitStatus(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "jobs:work" },
);

export const recordAuthorizationAction = defineAction(
  authorizationSchema,
  async (input, { actor, ip }) => {
    await recordAuthorization(actor, input, ip);
    refresh();
    return { ok: true };
  },
  { permission: "jobs:work" },
);

export const logAttemptAction = defineAction(
  logAttemptSchema,
  async (input, { actor, ip }) => {
    const r = await logAttempt(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "jobs:work" },
);

export const correctAttemptAction = defineAction(
  correctAttemptSchema,
  async (input, { actor, ip }) => {
    const r = await correctAttempt(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "jobs:work" },
);

export const updateDeviceFactsAction = defineAction(
  deviceFactsSchema,
  async (input, { actor, ip }) => {
    const r = await updateDeviceFacts(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "jobs:work" },
);

export const closeVendorCaseAction = defineAction(
  closeVendorCaseSchema,
  async (input, { actor, ip }) => {
    const r = await closeVendorCase(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "jobs:work" },
);

export const recordVendorResultAction = defineAction(
  recordVendorResultSchema,
  async (input, { actor, ip }) => {
    const r = await recordVendorResult(actor, input, ip);
    refresh();
    return { status: r.status, expiresAt: r.expiresAt?.toISOString() ?? null };
  },
  { permission: "jobs:work" },
);

export const completeVisitAction = defineAction(
  completeVisitSchema,
  async (input, { actor, ip }) => {
    const r = await completeVisit(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "jobs:work" },
);

export const attachVendorFileAction = defineAction(
  attachVendorFileSchema,
  async (input, { actor, ip }) => {
    const r = await attachVendorFile(actor, input, ip);
    refresh();
    return r;
  },
  { permission: "jobs:work" },
);
