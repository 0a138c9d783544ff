import { getActor } from "@/lib/auth/actor";
import { getFieldDay } from "@/lib/field/sync";
import { routeHandler } from "@/lib/platform/route-handler";

/** The technician's today and tomorrow for the phone's store (lib/field/sync.ts). Never cached by anyone. */
export const GET = routeHandler("field day", async () => {
  const day = await getFieldDay(await getActor());
  return Response.json(day, { headers: { "Cache-Control": "no-store", Vary: "Cookie" } });
});
