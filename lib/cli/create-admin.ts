/**
 * `npm run admin:create -- --email you@example.com --name "Your Name"`
 * Creates an admin with a generated password printed once. With the embedded
 * database, stop the server first (it holds the database's lock).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { getDatabaseHandle } from "@/db/client";
import { emailSchema, nameSchema } from "@/lib/auth/schemas";
import { hashPassword } from "@/lib/auth/password";
import { createUserUnchecked } from "@/lib/users/manage";
import { audit } from "@/lib/audit/log";
import { toAppError } from "@/lib/platform/errors";

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  const email = emailSchema.safeParse(values.email ?? "");
  const name = nameSchema.safeParse(values.name ?? "");
  if (!email.success || !name.success) {
    console.error('Usage: npm run admin:create -- --email you@example.com --name "Your Name"');
    process.exit(2);
  }
  const password = randomBytes(12).toString("base64url");
  const handle = await getDatabaseHandle();
  try {
    await handle.db.transaction(async (tx) => {
      const user = await createUserUnchecked(tx, { email: email.data, name: name.data, role: "admin", passwordHash: await hashPassword(password) });
      await audit(tx, { actorId: null, action: "user.create_admin_cli", entityType: "user", entityId: user.id });
    });
    console.log(`Admin ${email.data} created. Password (shown once): ${password}`);
  } catch (err) {
    console.error(toAppError(err, "admin:create").message);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
