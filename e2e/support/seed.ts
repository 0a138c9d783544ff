/**
 * Fixture data for the browser journeys, written straight into the e2e
 * database BEFORE the server starts (the embedded database allows one
 * process at a time). Run by global-setup in a child process with the
 * server's environment:
 *   tsx --conditions=react-server e2e/support/seed.ts
 *
 * Accounts made here (password PASSWORD from helpers.ts):
 *   terry@fieldkey.test  technician "Terry Tech"
 *   carla@example.test   customer  "Carla Customer"
 * Every module in e2e/seeders/ is then run with { db, terry, carla }:
 * add a file there for a feature's fixtures (visits, devices, attempts...).
 */
import fs from "node:fs";
import path from "node:path";
import { getDatabaseHandle, type Database } from "@/db/client";
import { customers } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createUserUnchecked } from "@/lib/users/manage";
import { PASSWORD } from "./helpers";

export type SeedContext = {
  db: Database;
  terry: { id: string; email: string; name: string };
  carla: { id: string; email: string; name: string; customerId: string };
};
export type Seeder = (ctx: SeedContext) => Promise<void>;

async function main() {
  const handle = await getDatabaseHandle();
  const db = handle.db;
  const passwordHash = await hashPassword(PASSWORD);
  const ctx = await db.transaction(async (tx) => {
    const terry = await createUserUnchecked(tx, { email: "terry@fieldkey.test", name: "Terry Tech", role: "technician", passwordHash, phone: "216-555-0101" });
    const [c] = await tx
      .insert(customers)
      .values({ name: "Carla Customer", email: "carla@example.test", phone: "216-555-0100" })
      .returning({ id: customers.id });
    const carla = await createUserUnchecked(tx, {
      email: "carla@example.test",
      name: "Carla Customer",
      role: "customer",
      passwordHash,
      customerId: c!.id,
      phone: "216-555-0100",
    });
    return {
      db,
      terry: { id: terry.id, email: "terry@fieldkey.test", name: "Terry Tech" },
      carla: { id: carla.id, email: "carla@example.test", name: "Carla Customer", customerId: c!.id },
    };
  });
  const dir = path.resolve(import.meta.dirname, "..", "seeders");
  for (const file of fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".ts"))
        .sort()
    : []) {
    const mod = (await import(path.join(dir, file))) as { default?: Seeder };
    if (typeof mod.default !== "function") throw new Error(`e2e/seeders/${file} must export a default seeder function`);
    await mod.default(ctx);
  }
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
