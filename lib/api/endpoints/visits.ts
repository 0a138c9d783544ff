import { pageQuerySchema } from "@/lib/platform/pagination";
import { defineEndpoint, idParams, pageOf } from "@/lib/api/registry";
import { fromBeforeTo, visitFilterFields } from "@/lib/visits/filters";
import { visitDetailDto, visitDto } from "./dto";

const tag = "Visits";

export const listVisitsEndpoint = defineEndpoint({
  operationId: "listVisits",
  method: "get",
  path: "/api/v1/visits",
  summary: "List visits",
  description: "In start order. Admins' tokens see all visits, technicians' only those assigned to them, customers' only their own.",
  tag,
  scope: "visits:read",
  query: pageQuerySchema.extend(visitFilterFields.shape).refine(...fromBeforeTo),
  response: { status: 200, description: "A page of visits", schema: pageOf(visitDto, "VisitPage") },
});

export const getVisitEndpoint = defineEndpoint({
  operationId: "getVisit",
  method: "get",
  path: "/api/v1/visits/{id}",
  summary: "Get a visit with its devices",
  tag,
  scope: "visits:read",
  params: idParams("Visit id"),
  response: { status: 200, description: "The visit", schema: visitDetailDto },
});
