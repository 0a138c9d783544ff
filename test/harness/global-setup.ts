/**
 * With DATABASE_URL set, tests run against that PostgreSQL server: a migrated
 * template database is made once, and each test file gets its own copy.
 * Without it, each test file gets a fresh in-memory PGlite (see setup.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openAndPrepare } from "@/db/client";
import { adminUrl, templateName, withDatabase } from "./databases";

export default async function setup(project: TestProject) {
  // The template database's generated secrets live in it (lib/platform/env.ts refuses that unless allowed; vitest.config.ts allows it for the workers).
  process.env.FIELDKEY_ALLOW_DB_SECRETS ??= "1";
  const url = process.env.DATABASE_URL;
  project.provide("databaseKind", url ? "postgres" : "pglite");
  if (!url) {
    // Migrate one in-memory PGlite and snapshot it; each test file loads the snapshot.
    const handle = await openAndPrepare({ dir: null });
    const file = path.join(os.tmpdir(), `fieldkey-pglite-template-${process.pid}.tar`);
    fs.writeFileSync(file, Buffer.from(await (await handle.dump!()).arrayBuffer()));
    await handle.close();
    project.provide("templateDb", file);
    return () => fs.rmSync(file, { force: true });
  }
  const TEMPLATE_DB = templateName(process.pid);
  project.provide("templateDb", TEMPLATE_DB);
  const { default: postgres } = await import("postgres");
  const admin = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const handle = await openAndPrepare({ url: withDatabase(url, TEMPLATE_DB), max: 1 });
  await handle.close();
  return async () => {
    const a = postgres(adminUrl(url), { max: 1, onnotice: () => {} });
    await a.unsafe(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`).catch(() => {});
    await a.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseKind: "postgres" | "pglite";
    templateDb: string;
  }
}
