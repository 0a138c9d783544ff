import { getActor } from "@/lib/auth/actor";
import { getFieldJob } from "@/lib/field/sync";
import { NotFoundError } from "@/lib/platform/errors";
import { routeHandler } from "@/lib/platform/route-handler";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One job for the phone's store (lib/field/sync.ts): its technician or an admin; anyone else 404. */
export const GET = routeHandler<{ id: string }>("field job", async (_request, { params }) => {
  const { id } = await params;
  if (!UUID.test(id)) throw new NotFoundError("Visit not found.");
  const job = await getFieldJob(await getActor(), id);
  return Response.json(job, { headers: { "Cache-Control": "no-store", Vary: "Cookie" } });
});
