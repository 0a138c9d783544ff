"use server";
import { redirect } from "next/navigation";
import { getSessionState } from "@/lib/auth/actor";
import { safeNextPath } from "@/lib/auth/next-path";
import { confirmEnrolment, verifySecondFactor } from "@/lib/auth/two-factor";
import { enrolmentCodeSchema, secondFactorSchema } from "@/lib/auth/two-factor-schemas";
import { defineAction } from "@/lib/platform/action";

/**
 * Public: the person has given their password but is not signed in yet (lib/auth/two-factor.ts checks the
 * session behind the cookie: signed out 401, already through 403). Success: on to where they were going.
 */
export const verifySecondFactorAction = defineAction(
  secondFactorSchema,
  async (input, { ip }) => {
    await verifySecondFactor(await getSessionState(), input, ip);
    const next = safeNextPath(input.next);
    redirect(`/dashboard${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  },
  { public: true },
);

/** Public, as above: an admin owing enrolment after the password, or a signed-in technician turning it on. Returns the recovery codes, once. */
export const confirmEnrolmentAction = defineAction(enrolmentCodeSchema, async (input, { ip }) => confirmEnrolment(await getSessionState(), input, ip), {
  public: true,
});
