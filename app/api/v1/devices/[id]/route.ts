import { getDeviceEndpoint } from "@/lib/api/endpoints/devices";
import { apiRoute } from "@/lib/api/route";
import { getDeviceDetail } from "@/lib/devices/read";

export const GET = apiRoute(getDeviceEndpoint, ({ actor, params }) => getDeviceDetail(actor, params.id));
