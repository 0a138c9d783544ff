import { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { RateLimit } from "../platform/rate-limit";
import type { ApiScope } from "./scopes";

/**
 * Every /api/v1 operation is declared once, as an EndpointSpec next to its
 * resource (lib/api/endpoints/*.ts): path, method, zod schemas, scope and
 * responses. The route file wraps the same spec with apiRoute(); the OpenAPI
 * document is generated from the same specs, so the two cannot drift.
 */
export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";
type AnyObject = z.ZodObject<z.ZodRawShape>;

export type EndpointSpec = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI form: /api/v1/customers/{id} */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Required scope (token endpoints), or `public: true` for unauthenticated, per-IP rate-limited ones. */
  scope?: ApiScope;
  /**
   * The read scope of what the answer contains, when `scope` is a write scope and the answer is a record
   * (e.g. `visits:read` for an operation that answers with the visit): a token needs both, so a write scope
   * alone never reads anything. test/contract/documented-routes.test.ts checks every write operation has it.
   */
  readScope?: ApiScope;
  public?: true;
  params?: AnyObject;
  query?: AnyObject;
  /** Request headers the operation reads (e.g. `Idempotency-Key`), validated like the query. */
  headers?: AnyObject;
  body?: z.ZodType;
  response: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Overrides the default rate limit (public: per IP; token: per token). */
  rateLimit?: RateLimit;
  /** Error statuses this operation can return besides the standard ones. */
  extraErrors?: number[];
};

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "A URI reference naming the kind of problem", example: "/api/docs#problem-422" }),
    title: z.string().meta({ example: "Validation failed" }),
    status: z.number().int().meta({ example: 422 }),
    detail: z.string().meta({ example: "Some values are not valid." }),
    errors: z
      .array(
        z.object({
          in: z.enum(["query", "path", "body", "header"]),
          field: z.string().meta({ description: "Dot path of the field", example: "limit" }),
          pointer: z.string().optional().meta({ description: "JSON pointer into the request body", example: "#/devices/0/brand" }),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)" });

export const registry = new OpenAPIRegistry();
registry.registerComponent("securitySchemes", "bearerAuth", {
  type: "http",
  scheme: "bearer",
  description: "An API token created by an admin at /admin/api-tokens: `Authorization: Bearer fk_…`",
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request could not be read (malformed JSON, wrong content type)",
  401: "No token, or an unknown, revoked or expired token, or its user is disabled",
  403: "The token lacks the scope, or its user's role may not do this",
  404: "No such record, or not one this caller may see",
  409: "Conflicts with the current state",
  413: "The body is too large",
  422: "Invalid parameters or body; `errors` lists each field",
  429: "Rate limit reached; see Retry-After",
};

/** The error statuses an operation documents (and the contract tests expect). */
export function errorStatuses(spec: EndpointSpec): number[] {
  const s = new Set<number>([429]);
  if (!spec.public) [401, 403].forEach((n) => s.add(n));
  if (spec.params) s.add(404);
  if (spec.query || spec.body || spec.headers) s.add(422);
  if (spec.body) [400, 413].forEach((n) => s.add(n));
  for (const n of spec.extraErrors ?? []) s.add(n);
  return [...s].sort();
}

export const ENDPOINTS: EndpointSpec[] = [];

/** Declare an operation: documented in the OpenAPI registry, and returned for its route file. */
export function defineEndpoint<S extends EndpointSpec>(spec: S): S {
  ENDPOINTS.push(spec);
  const problem = { "application/problem+json": { schema: problemSchema } };
  const body = spec.response.schema ?? (spec.response.contentType ? { type: "string" as const, format: "binary" } : undefined);
  const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType | { type: "string"; format: string } }> }> = {
    [spec.response.status]: {
      description: spec.response.description,
      ...(body ? { content: { [spec.response.contentType ?? "application/json"]: { schema: body } } } : {}),
    },
  };
  for (const status of errorStatuses(spec)) responses[status] = { description: ERROR_DESCRIPTIONS[status] ?? "Error", content: problem };
  registry.registerPath({
    operationId: spec.operationId,
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: [
      spec.description,
      spec.scope
        ? `Scope: \`${spec.scope}\`${spec.readScope ? `, and \`${spec.readScope}\` for what the answer contains` : ""}.`
        : "Public: no token; rate-limited per client address.",
    ]
      .filter(Boolean)
      .join("\n\n"),
    tags: [spec.tag],
    security: spec.public ? [] : [{ bearerAuth: [] }],
    "x-scope": spec.scope,
    ...(spec.readScope ? { "x-read-scope": spec.readScope } : {}),
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.headers ? { headers: spec.headers } : {}),
      ...(spec.body ? { body: { content: { "application/json": { schema: spec.body } }, required: true } } : {}),
    },
    responses,
  });
  return spec;
}

/** `{ data: [...], nextCursor }`: the shape of every list. */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` to get the next page; null on the last page" }),
    })
    .meta({ id });
}

export const idParams = (description: string) => z.object({ id: z.uuid().meta({ description }) });
