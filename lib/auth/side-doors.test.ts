import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { authenticateBearer } from "@/lib/api/tokens";
import { calendarFeedIcs, createCalendarFeed } from "@/lib/calendar/feeds";
import { hashPassword } from "@/lib/auth/password";
import { createPasswordToken, resetPassword } from "@/lib/auth/password-reset";
import { NotFoundError, UnauthenticatedError } from "@/lib/platform/errors";
import { setUserDisabled } from "@/lib/users/manage";
import { tokenFor } from "@/test/support/api";
import { makeUser } from "@/test/support/factories";

const NEW_PW = "a brand new passphrase";

/** A technician with an API token and a calendar link (the two ways in besides the password). */
async function techWithSideDoors() {
  const tech = await makeUser("technician", { passwordHash: await hashPassword("the old password!") });
  const token = await tokenFor(tech, ["visits:read"]);
  const { token: feed } = await createCalendarFeed(tech, null);
  const db = await getDb();
  await expect(authenticateBearer(db, `Bearer ${token}`)).resolves.toMatchObject({ actor: { id: tech.id } });
  await expect(calendarFeedIcs(feed)).resolves.toContain("BEGIN:VCALENDAR");
  return { tech, token, feed, db };
}

describe("a password reset or a disable closes the side doors too (finding 7)", () => {
  it("a reset revokes the user's API tokens and calendar links", async () => {
    const { tech, token, feed, db } = await techWithSideDoors();
    const { token: link } = await db.transaction((tx) => createPasswordToken(tx, tech.id, "reset"));
    await resetPassword({ token: link, password: NEW_PW, confirmPassword: NEW_PW }, "10.6.0.1");
    await expect(authenticateBearer(db, `Bearer ${token}`)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(calendarFeedIcs(feed)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("disabling revokes them: enabling the user again brings none back", async () => {
    const admin = await makeUser("admin");
    const { tech, token, feed, db } = await techWithSideDoors();
    await setUserDisabled(admin, { userId: tech.id }, true, null);
    await setUserDisabled(admin, { userId: tech.id }, false, null);
    await expect(authenticateBearer(db, `Bearer ${token}`)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(calendarFeedIcs(feed)).rejects.toBeInstanceOf(NotFoundError);
  });
});
