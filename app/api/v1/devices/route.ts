import { listDevicesEndpoint } from "@/lib/api/endpoints/devices";
import { apiRoute } from "@/lib/api/route";
import { listDevicesPage } from "@/lib/devices/list";

export const GET = apiRoute(listDevicesEndpoint, ({ actor, query: { customerId, ...page } }) => listDevicesPage(actor, { customerId }, page));
