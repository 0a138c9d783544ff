import { getDeviceEndpoint } from "@/lib/api/endpoints/devices";
import { apiRoute } from "@/lib/api/route";
import { getDevice } from "@/lib/devices/read";

export const GET = apiRoute(getDeviceEndpoint, ({ actor, params }) => getDevice(actor, params.id));
