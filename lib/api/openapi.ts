import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import "./endpoints";
import { PUBLIC_RATE_LIMIT, TOKEN_RATE_LIMIT } from "../platform/rate-limit";
import { registry } from "./registry";

type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;
let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated from the endpoint specs and their zod schemas. */
export function openApiDocument(): OpenApiDocument {
  cached ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "FieldKey API",
      version: "1.0.0",
      description: [
        "JSON over HTTPS. Authenticate with an API token created by an admin (`Authorization: Bearer fk_…`).",
        "A token acts as one user: that user's role decides what it may see (a technician's token sees only their visits, a customer's only their own records), and the token's scopes narrow it further.",
        "Lists are paginated with `?limit=` (1–100, default 25) and an opaque `?cursor=` taken from the previous page's `nextCursor`.",
        "Errors are RFC 9457 problem details (`application/problem+json`) with field-level `errors`.",
        `Rate limits: ${TOKEN_RATE_LIMIT.limit} requests per ${TOKEN_RATE_LIMIT.windowSeconds} s per token, ${PUBLIC_RATE_LIMIT.limit} per ${PUBLIC_RATE_LIMIT.windowSeconds} s per client address on public endpoints; over the limit: 429 with Retry-After.`,
      ].join("\n\n"),
    },
    servers: [{ url: "/" }],
  });
  return cached;
}
