import { z } from "zod";
import { pageQuerySchema } from "@/lib/platform/pagination";
import { defineEndpoint, idParams, pageOf } from "@/lib/api/registry";
import { customerListItemDto, customerDto, siteDto } from "./dto";

const tag = "Customers";

export const listCustomersEndpoint = defineEndpoint({
  operationId: "listCustomers",
  method: "get",
  path: "/api/v1/customers",
  summary: "List customers",
  description:
    "Oldest first, with how many devices and visits each customer has. Admins' tokens see every customer; a customer's token sees only its own record.",
  tag,
  scope: "customers:read",
  query: pageQuerySchema.extend({
    q: z
      .string()
      .max(100, "Use at most 100 characters.")
      .optional()
      .meta({ description: "Only customers whose name, email or phone contains this (case-insensitive)" }),
  }),
  response: { status: 200, description: "A page of customers", schema: pageOf(customerListItemDto, "CustomerPage") },
});

export const getCustomerEndpoint = defineEndpoint({
  operationId: "getCustomer",
  method: "get",
  path: "/api/v1/customers/{id}",
  summary: "Get a customer",
  tag,
  scope: "customers:read",
  params: idParams("Customer id"),
  response: { status: 200, description: "The customer", schema: customerDto },
});

export const listCustomerSitesEndpoint = defineEndpoint({
  operationId: "listCustomerSites",
  method: "get",
  path: "/api/v1/customers/{id}/sites",
  summary: "List a customer's sites",
  tag,
  scope: "customers:read",
  params: idParams("Customer id"),
  query: pageQuerySchema,
  response: { status: 200, description: "A page of sites", schema: pageOf(siteDto, "SitePage") },
});
