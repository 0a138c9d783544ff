import { routeHandler } from "@/lib/platform/route-handler";
import { servePhoto } from "../serve";

/** A device photo's thumbnail (made on the server at upload). */
export const GET = routeHandler<{ id: string }>("photo thumbnail", async (_request, { params }) => servePhoto((await params).id, "thumb"));
