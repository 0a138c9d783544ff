import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { devices } from "@/db/schema";
import { afterCursor, cursorKey, toPage, type PageQuery } from "@/lib/platform/pagination";
import type { Actor } from "@/lib/auth/permissions";
import { deviceScope } from "@/lib/auth/scopes";
import { deviceColumns } from "./read";

/** The device's facts for an API list (its internal notes stay out). */
const { notes: _notes, ...columns } = { ...deviceColumns, createdAt: devices.createdAt };

/** Devices, oldest first, optionally of one customer; a page at a time. */
export async function listDevicesPage(actor: Actor | null, filter: { customerId?: string }, page: PageQuery) {
  const scope = deviceScope(actor);
  const db = await getDb();
  const rows = await db
    .select({ ...columns, _k: cursorKey(devices.createdAt) })
    .from(devices)
    .where(
      and(
        scope,
        filter.customerId ? eq(devices.customerId, filter.customerId) : undefined,
        afterCursor(devices.createdAt, devices.id, page.cursor),
      ),
    )
    .orderBy(devices.createdAt, devices.id)
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}
