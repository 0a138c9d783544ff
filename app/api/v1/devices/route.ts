import { listDevicesEndpoint } from "@/lib/api/endpoints/devices";
import { apiRoute } from "@/lib/api/route";
import { listDevices } from "@/lib/devices/read";

export const GET = apiRoute(listDevicesEndpoint, ({ actor, query: { customerId, ...page } }) => listDevices(actor, { customerId }, page));
