"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/platform/action";
import { changeRoleSchema, createStaffSchema, userIdSchema } from "@/lib/auth/schemas";
import { changeRole, createStaff, setUserDisabled } from "@/lib/users/manage";
import { resetTwoFactor } from "@/lib/auth/two-factor";
import { resetTwoFactorSchema } from "@/lib/auth/two-factor-schemas";

export const createStaffAction = defineAction(
  createStaffSchema,
  async (input, { actor, ip }) => {
    const user = await createStaff(actor, input, ip);
    revalidatePath("/admin/users");
    return user;
  },
  { permission: "users:manage" },
);

export const changeRoleAction = defineAction(
  changeRoleSchema,
  async (input, { actor, ip }) => {
    const r = await changeRole(actor, input, ip);
    revalidatePath("/admin/users");
    return r;
  },
  { permission: "users:manage" },
);

export const disableUserAction = defineAction(
  userIdSchema,
  async (input, { actor, ip }) => {
    const r = await setUserDisabled(actor, input, true, ip);
    revalidatePath("/admin/users");
    return r;
  },
  { permission: "users:manage" },
);

export const enableUserAction = defineAction(
  userIdSchema,
  async (input, { actor, ip }) => {
    const r = await setUserDisabled(actor, input, false, ip);
    revalidatePath("/admin/users");
    return r;
  },
  { permission: "users:manage" },
);

/** A lost phone: turn another person's two-step sign-in off (audited; their sessions end; admins enrol again at sign-in). */
export const resetTwoFactorAction = defineAction(
  resetTwoFactorSchema,
  async (input, { actor, ip }) => {
    const r = await resetTwoFactor(actor, input, ip);
    revalidatePath("/admin/users");
    return r;
  },
  { permission: "users:manage" },
);
