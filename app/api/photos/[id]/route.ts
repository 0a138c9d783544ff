import { routeHandler } from "@/lib/platform/route-handler";
import { servePhoto } from "./serve";

/** A device photo at full size (audited). */
export const GET = routeHandler<{ id: string }>("photo", async (_request, { params }) => servePhoto((await params).id, "full"));
