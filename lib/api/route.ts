import "server-only";
import type { z } from "zod";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError, zodFieldErrors } from "@/lib/platform/errors";
import { readBodyLimited } from "@/lib/platform/http";
import { clientIpFrom } from "@/lib/platform/request";
import { LocatedValidationError, problemResponse } from "@/lib/platform/problem";
import { hitRateLimit, PUBLIC_RATE_LIMIT, TOKEN_RATE_LIMIT } from "@/lib/platform/rate-limit";
import type { EndpointSpec } from "./registry";
import { authenticateBearer, type ApiCaller } from "./tokens";

const MAX_JSON_BODY = 1024 * 1024;
const BEARER_CHALLENGE = 'Bearer realm="FieldKey API"';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
export type ApiContext<S extends EndpointSpec> = {
  /** The token's user (null on public endpoints). lib/ functions check permissions and scope with it, as for the web. */
  actor: S["public"] extends true ? null : Actor;
  caller: ApiCaller | null;
  params: Out<S["params"]>;
  headers: Out<S["headers"]>;
  query: Out<S["query"]>;
  body: Out<S["body"]>;
  request: Request;
  ip: string;
};
type RouteContext = { params?: Promise<Record<string, string | string[]>> };

const WHAT: Record<"query" | "body" | "header", string> = { query: "query parameters are", body: "fields are", header: "headers are" };

/**
 * Where a field error thrown by the handler (after parsing) is: a query parameter of the operation (e.g. a
 * `cursor` that decodes to nothing usable) is in the query, anything else in the body.
 */
function locateFields(spec: EndpointSpec): (field: string) => "query" | "body" {
  const query = new Set(Object.keys(spec.query?.shape ?? {}));
  return (field) => (query.has(field.split(".")[0]!) ? "query" : "body");
}

function parseIn<T extends z.ZodType>(schema: T, raw: unknown, where: "query" | "body" | "header"): z.output<T> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new LocatedValidationError(`Some ${WHAT[where]} not valid.`, where, zodFieldErrors(r.error));
  return r.data;
}

async function readJson(request: Request): Promise<unknown> {
  if (!/^application\/(.+\+)?json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("Send the body as JSON with Content-Type: application/json.", 400);
  }
  const body = await readBodyLimited(request, MAX_JSON_BODY);
  if (!body.ok) throw new AppError(`The body is larger than ${MAX_JSON_BODY} bytes.`, 413);
  try {
    return JSON.parse(body.bytes.toString("utf8"));
  } catch {
    throw new AppError("The body is not valid JSON.", 400);
  }
}

/** The response as documented: JSON values only, undeclared fields dropped. A mismatch is our bug: logged, 500. */
function documented(spec: EndpointSpec, result: unknown): unknown {
  const json: unknown = JSON.parse(JSON.stringify(result ?? null));
  if (!spec.response.schema) return json;
  const out = spec.response.schema.safeParse(json);
  if (!out.success) throw new Error(`${spec.operationId}: response does not match its documented schema: ${out.error.message}`);
  return out.data;
}

/**
 * The one wrapper for /api/v1 route handlers: rate limit, token, scope,
 * zod-parsed params/query/body, then the handler (which calls the same lib/
 * functions as the web app). Every error becomes problem+json.
 */
export function apiRoute<S extends EndpointSpec>(spec: S, handler: (ctx: ApiContext<S>) => Promise<unknown>) {
  return async function handle(request: Request, context?: RouteContext): Promise<Response> {
    try {
      const db = await getDb();
      const ip = clientIpFrom(request.headers);
      let caller: ApiCaller | null = null;
      if (spec.public) {
        await hitRateLimit(db, `ip:${ip}`, spec.rateLimit ?? PUBLIC_RATE_LIMIT);
      } else {
        try {
          caller = await authenticateBearer(db, request.headers.get("authorization"));
        } catch (err) {
          // Failed authentication counts against the client address, like a public call.
          if (err instanceof UnauthenticatedError) await hitRateLimit(db, `ip:${ip}`, PUBLIC_RATE_LIMIT);
          throw err;
        }
        await hitRateLimit(db, `token:${caller.tokenId}`, spec.rateLimit ?? TOKEN_RATE_LIMIT);
        if (!spec.scope || !caller.scopes.includes(spec.scope)) throw new ForbiddenError(`This token does not have the ${spec.scope} scope.`);
        // What the answer contains needs its own read scope: a write scope alone reads nothing (checked before anything is written).
        if (spec.readScope && !caller.scopes.includes(spec.readScope))
          throw new ForbiddenError(`This token does not have the ${spec.readScope} scope, which the answer of this operation needs.`);
      }
      let params: unknown = undefined;
      if (spec.params) {
        const r = spec.params.safeParse((await context?.params) ?? {});
        if (!r.success) throw new NotFoundError(); // an id that cannot exist is simply not found
        params = r.data;
      }
      const query = spec.query ? parseIn(spec.query, Object.fromEntries(new URL(request.url).searchParams), "query") : undefined;
      const headers = spec.headers
        ? parseIn(spec.headers, Object.fromEntries(Object.keys(spec.headers.shape).map((k) => [k, request.headers.get(k) ?? undefined])), "header")
        : undefined;
      const body = spec.body ? parseIn(spec.body, await readJson(request), "body") : undefined;
      const result = await handler({ actor: caller?.actor ?? null, caller, params, query, headers, body, request, ip } as ApiContext<S>);
      if (result instanceof Response) return result;
      return Response.json(documented(spec, result), { status: spec.response.status, headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return problemResponse(err, `${spec.method.toUpperCase()} ${spec.path}`, { wwwAuthenticate: BEARER_CHALLENGE, locate: locateFields(spec) });
    }
  };
}
