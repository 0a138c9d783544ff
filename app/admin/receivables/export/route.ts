import { getActor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { receivablesCsv, receivablesFilterSchema } from "@/lib/billing/receivables";
import { zodFieldErrors } from "@/lib/platform/errors";
import { LocatedValidationError } from "@/lib/platform/problem";
import { routeHandler } from "@/lib/platform/route-handler";

/** GET /admin/receivables/export?status&bucket&q: the receivables as CSV (admins; formulas neutralised by the reports' CSV helper). */
export const GET = routeHandler("receivables export", async (request) => {
  const actor = await getActor();
  requirePermission(actor, "billing:manage");
  const sp = new URL(request.url).searchParams;
  const parsed = receivablesFilterSchema.safeParse({
    status: sp.get("status") || undefined,
    bucket: sp.get("bucket") || undefined,
    q: sp.get("q") || undefined,
  });
  if (!parsed.success) {
    const fe = zodFieldErrors(parsed.error);
    throw new LocatedValidationError(Object.values(fe)[0]![0]!, "query", fe, 400);
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(await receivablesCsv(actor, parsed.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="fieldkey-receivables-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
