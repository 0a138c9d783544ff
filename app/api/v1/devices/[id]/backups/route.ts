import { listDeviceBackupsEndpoint } from "@/lib/api/endpoints/devices";
import { apiRoute } from "@/lib/api/route";
import { listBackupsForDevice } from "@/lib/backups/read";

export const GET = apiRoute(listDeviceBackupsEndpoint, async ({ actor, params }) => ({
  data: (await listBackupsForDevice(actor, params.id)).filter((b) => !b.deletedAt),
  nextCursor: null,
}));
