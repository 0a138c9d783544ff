import { listSlotsEndpoint } from "@/lib/api/endpoints/bookings";
import { apiRoute } from "@/lib/api/route";
import { slotOptions } from "@/lib/booking/slot-options";

export const GET = apiRoute(listSlotsEndpoint, ({ query: { brands, devices, from, to } }) =>
  slotOptions({ brands, deviceCount: devices, fromDay: from, toDay: to }),
);
