import { getActor } from "@/lib/auth/actor";
import { getFieldJobJson } from "@/lib/field/sync";
import { NotFoundError } from "@/lib/platform/errors";
import { routeHandler } from "@/lib/platform/route-handler";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One job for the phone's store (lib/field/sync.ts): its technician or an admin; anyone else 404. */
export const GET = routeHandler<{ id: string }>("field job", async (_request, { params }) => {
  const { id } = await params;
  if (!UUID.test(id)) throw new NotFoundError("Visit not found.");
  const body = await getFieldJobJson(await getActor(), id);
  return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store", Vary: "Cookie" } });
});
