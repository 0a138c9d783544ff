import { z } from "zod";
import { VENDOR_CASE_STATUSES } from "@/db/schema";
import { pageQuerySchema } from "@/lib/platform/pagination";
import { defineEndpoint, pageOf } from "@/lib/api/registry";
import { vendorCaseDto } from "./dto";

export const listVendorCasesEndpoint = defineEndpoint({
  operationId: "listVendorCases",
  method: "get",
  path: "/api/v1/vendor-cases",
  summary: "List vendor cases",
  description: "Recovery work waiting on Dahua, Hikvision or Lorex support, by due time. Scoped like visits.",
  tag: "Vendor cases",
  scope: "vendor-cases:read",
  query: pageQuerySchema.extend({
    status: z.enum(VENDOR_CASE_STATUSES, "Use one of: " + VENDOR_CASE_STATUSES.join(", ") + ".").optional(),
    overdue: z.enum(["true", "false"], "Use true or false.").optional().meta({
      description: "Only open cases (waiting on the vendor, or its answer received but not yet applied) past (true) or not past (false) their due time",
    }),
  }),
  response: { status: 200, description: "A page of vendor cases", schema: pageOf(vendorCaseDto, "VendorCasePage") },
});
