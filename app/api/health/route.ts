import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "@/db/client";

/** Liveness and database check for load balancers and monitors. */
export async function GET() {
  const started = performance.now();
  try {
    const handle = await getDatabaseHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json(
      { status: "ok", database: handle.kind, latencyMs: Math.round(performance.now() - started) },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return Response.json({ status: "error", database: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
