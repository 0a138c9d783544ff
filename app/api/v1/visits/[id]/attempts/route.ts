import { createAttemptEndpoint, listAttemptsEndpoint } from "@/lib/api/endpoints/attempts";
import { apiRoute } from "@/lib/api/route";
import { listVisitAttempts } from "@/lib/field/attempt-list";
import { logAttempt } from "@/lib/field/attempts";

export const GET = apiRoute(listAttemptsEndpoint, ({ actor, params }) => listVisitAttempts(actor, params.id));
export const POST = apiRoute(createAttemptEndpoint, ({ actor, params, body, ip }) => logAttempt(actor, { ...body, visitId: params.id }, ip));
