/**
 * GET /admin/reports/export?table=<name>&from&to&brand&kind&technician&model
 * CSV download of one report table or of the raw attempts. Admins only:
 * signed out -> 401, other roles -> 403 (lib/ checks the permission). Errors
 * are problem+json, as on every route handler.
 */
import { getActor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { LocatedValidationError } from "@/lib/platform/problem";
import { routeHandler } from "@/lib/platform/route-handler";
import { exportAttemptsCsv, exportReportTable } from "@/lib/reports/export";
import { parseReportFilters } from "@/lib/reports/filters";
import { EXPORT_TABLES, type ExportTable, type ReportTableName } from "@/lib/reports/tables";

/** A bad table name or filter: 400, problem+json with the query parameter named. */
const badQuery = (fieldErrors: Record<string, string[]>) => new LocatedValidationError(Object.values(fieldErrors)[0]![0]!, "query", fieldErrors, 400);

export const GET = routeHandler("reports export", async (request) => {
  const url = new URL(request.url);
  const actor = await getActor();
  const table = url.searchParams.get("table") as ExportTable | null;
  // First, so that a wrong table name tells a non-admin nothing; lib/ checks again.
  requirePermission(actor, "reports:read");
  if (!table || !EXPORT_TABLES.includes(table)) throw badQuery({ table: [`Unknown table. Use one of: ${EXPORT_TABLES.join(", ")}.`] });
  const parsed = parseReportFilters(url.searchParams);
  if (!parsed.ok) throw badQuery(Object.fromEntries(Object.entries(parsed.fieldErrors).map(([k, v]) => [k, [v]])));
  const day = new Date().toISOString().slice(0, 10);
  const headers = {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="fieldkey-${table}-${day}.csv"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (table === "attempts") {
    const chunks = exportAttemptsCsv(actor, parsed.filters);
    // The permission check and the first page's query run before any byte is sent: a refusal or a
    // database error is a problem answer, not a download that starts and then cuts off.
    const head = [await chunks.next(), await chunks.next()];
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of head) if (!c.done) controller.enqueue(encoder.encode(c.value));
        if (head[1]!.done) controller.close();
      },
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          console.error("[fieldkey] attempts export failed:", err);
          controller.error(err);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(stream, { headers });
  }
  return new Response(await exportReportTable(actor, table as ReportTableName, parsed.filters), { headers });
});
