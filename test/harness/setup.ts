import { afterAll, beforeAll, inject } from "vitest";
import { setDatabaseHandle, type DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "./databases";

// Every test file gets its own fresh database and uses it as the process's database.
let handle: DatabaseHandle | undefined;

beforeAll(async () => {
  handle = await createTestDatabase(inject("templateDb"));
  setDatabaseHandle(handle);
});

afterAll(async () => {
  setDatabaseHandle(undefined);
  await handle?.close();
});
