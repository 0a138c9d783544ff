import { z } from "zod";
import { defineEndpoint } from "@/lib/api/registry";
import { reportFiltersSchema } from "@/lib/reports/filters";

const interval = z.tuple([z.number(), z.number()]).nullable().meta({ description: "95% Wilson confidence interval, null when n = 0" });
const rate = {
  n: z.number().int().meta({ description: "Attempts with a final outcome (succeeded, failed or abandoned)" }),
  succeeded: z.number().int(),
  rate: z.number().nullable(),
  ci: interval,
  small: z.boolean().meta({ description: "True when the sample is too small to lean on" }),
};

const methodRate = z
  .object({
    brand: z.string(),
    methodId: z.string(),
    methodName: z.string(),
    failed: z.number().int(),
    abandoned: z.number().int(),
    pending: z.number().int(),
    ...rate,
  })
  .meta({ id: "MethodSuccessRate" });
const claim = z
  .object({
    methodId: z.string(),
    methodName: z.string(),
    claimed: z.number(),
    claimSource: z.string().nullable(),
    measured: z.object(rate),
    verdict: z.enum(["inside", "above", "below", "no data"]).meta({ description: "Where the claim sits against the measured interval" }),
  })
  .meta({ id: "ClaimedVersusMeasured" });

export const successRatesEndpoint = defineEndpoint({
  operationId: "getSuccessRates",
  method: "get",
  path: "/api/v1/reports/success-rates",
  summary: "Recovery success rates by brand and method",
  description:
    "The figures of /admin/reports for the same filters (from, to, brand, kind, technician, model and firmware text, recovery option, warranty seal, first or later attempt, customer): success rate per brand × method with a 95% Wilson interval, and the seed guide's claims beside the measured rates. Admin tokens only.",
  tag: "Reports",
  scope: "reports:read",
  query: reportFiltersSchema,
  response: {
    status: 200,
    description: "Success rates",
    schema: z
      .object({
        rates: z.array(methodRate),
        claims: z.array(claim),
        totals: z.object({
          final: z.number().int(),
          succeeded: z.number().int(),
          pending: z.number().int(),
          completedVisits: z.number().int(),
          fixedVisits: z.number().int(),
        }),
      })
      .meta({ id: "SuccessRates" }),
  },
});
