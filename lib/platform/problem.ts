import "server-only";
import { AppError, RateLimitedError, toAppError, type FieldErrors } from "@/lib/platform/errors";

/** One field-level problem: where it is (`in`), which field (dot path), what is wrong. */
export type ProblemFieldError = { in: "query" | "path" | "body" | "header"; field: string; pointer?: string; detail: string };

/**
 * RFC 9457 problem details: how every route handler answers an error, /api/v1
 * (lib/api/route.ts) and the others (lib/platform/route-handler.ts) alike.
 */
export type Problem = { type: string; title: string; status: number; detail: string; errors?: ProblemFieldError[] };

export const PROBLEM_TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Content too large",
  422: "Validation failed",
  429: "Too many requests",
  500: "Internal error",
  503: "Service unavailable",
};

/** Problem `type` URIs point at the error section of the API reference page (relative to the app's origin). */
export const problemType = (status: number) => `/api/docs#problem-${status}`;

type Location = ProblemFieldError["in"];
/** Where a field is: one place for all of an error's fields, or per field. */
export type Locate = Location | ((field: string) => Location);

/** An AppError that says where its field errors are (query, path, body or header). */
export class LocatedValidationError extends AppError {
  constructor(
    message: string,
    readonly location: Locate,
    fieldErrors: FieldErrors,
    status = 422,
  ) {
    super(message, status, fieldErrors);
  }
}

function fieldErrorsToList(fieldErrors: FieldErrors | undefined, locate: Locate): ProblemFieldError[] | undefined {
  if (!fieldErrors) return undefined;
  const list: ProblemFieldError[] = [];
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const location = typeof locate === "function" ? locate(field) : locate;
    const pointer = location === "body" && field !== "_form" ? "#/" + field.split(".").join("/") : undefined;
    for (const detail of messages) list.push({ in: location, field, ...(pointer ? { pointer } : {}), detail });
  }
  return list.length ? list : undefined;
}

export type ProblemOptions = {
  /** Where the fields of a plain ValidationError are (default: the JSON body). */
  locate?: Locate;
  /** The challenge a 401 carries (bearer-token routes); none for session routes. */
  wwwAuthenticate?: string;
};

/** Any error -> the problem body it answers with (unknown errors are logged and become a plain 500). */
export function toProblem(err: unknown, context = "request", opts: ProblemOptions = {}): { error: AppError; body: Problem } {
  const e = toAppError(err, context);
  const status = PROBLEM_TITLES[e.status] ? e.status : e.status >= 500 ? 500 : 400;
  const body: Problem = {
    type: problemType(status),
    title: PROBLEM_TITLES[status]!,
    status,
    detail: e.message,
    errors: fieldErrorsToList(e.fieldErrors, e instanceof LocatedValidationError ? e.location : (opts.locate ?? "body")),
  };
  return { error: e, body };
}

/** Any error -> `application/problem+json`. Unknown errors are logged and become a plain 500: never a stack trace. */
export function problemResponse(err: unknown, context = "request", opts: ProblemOptions = {}): Response {
  const { error: e, body } = toProblem(err, context, opts);
  const status = body.status;
  const headers = new Headers({ "Content-Type": "application/problem+json", "Cache-Control": "no-store" });
  if (status === 401 && opts.wwwAuthenticate) headers.set("WWW-Authenticate", opts.wwwAuthenticate);
  if (e instanceof RateLimitedError) headers.set("Retry-After", String(Math.max(1, Math.ceil(e.retryAfterSeconds))));
  if (status === 503) headers.set("Retry-After", "5");
  if (status === 405) headers.set("Allow", (e as AppError & { allow?: string }).allow ?? "GET");
  return new Response(JSON.stringify(body), { status, headers });
}
