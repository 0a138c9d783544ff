import { openApiDocument } from "@/lib/api/openapi";

/** The OpenAPI 3.1 document of the API (public: it describes, it does not grant). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } });
}
