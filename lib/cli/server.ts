/**
 * FieldKey's HTTP server: Next.js's request handler (the same one `next start`
 * uses) behind a few lines that run before the framework sees a request:
 *  - the client's address is decided from the socket (or, with
 *    FIELDKEY_TRUSTED_PROXY_HOPS, from what the trusted proxies appended) and
 *    put in one internal header; a client's own copy of it is replaced
 *    (lib/platform/client-address.ts);
 *  - a path that cannot be percent-decoded (`/api/v1/customers/%`, `%C0%AF`,
 *    a lone surrogate `%ED%A0%80`) is answered 400 here, as problem+json
 *    under /api/v1: Next's router would throw on it and answer a bare 500.
 * Started by `npm start` (lib/cli/start.ts), the e2e harness, the fault tests
 * and the benchmarks alike, so the tests exercise what ships.
 */
import http from "node:http";
import path from "node:path";
import next from "next";
import { CLIENT_IP_HEADER, clientAddress, trustedProxyHops } from "@/lib/platform/client-address";

/** True when some segment of the request target's path is not valid percent-encoded UTF-8. */
export function undecodablePath(target: string | undefined): boolean {
  const raw = (target ?? "/").split(/[?#]/, 1)[0]!;
  const pathname = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "") : raw;
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

function badPath(res: http.ServerResponse, target: string) {
  const api = target.startsWith("/api/v1/") || target === "/api/v1";
  const detail = "The address could not be read: it has a malformed percent-encoding.";
  const body = api ? JSON.stringify({ type: "/api/docs#problem-400", title: "Bad request", status: 400, detail }) : `${detail}\n`;
  res.writeHead(400, {
    "Content-Type": api ? "application/problem+json" : "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}

/** What the server does to each request before Next.js: false when it has already answered. */
export function admit(req: http.IncomingMessage, res: http.ServerResponse, hops: number): boolean {
  if (undecodablePath(req.url)) {
    badPath(res, req.url ?? "/");
    return false;
  }
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  return true;
}

export async function serve(opts: { port: number; hostname?: string; dir?: string }) {
  const hops = trustedProxyHops();
  const app = next({ dev: false, dir: opts.dir ?? path.resolve("."), hostname: opts.hostname ?? "localhost", port: opts.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    if (!admit(req, res, hops)) return;
    handle(req, res).catch((err: unknown) => {
      console.error(`[fieldkey] request for ${req.url} failed:`, err);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname === "localhost" ? undefined : opts.hostname, () => resolve());
  });
  console.log(
    `[fieldkey] listening on http://${opts.hostname ?? "localhost"}:${opts.port}${hops ? ` (behind ${hops} trusted prox${hops === 1 ? "y" : "ies"})` : ""}`,
  );
  const stop = (code: number) => () => {
    server.close();
    process.exit(code);
  };
  process.on("SIGINT", stop(130));
  process.on("SIGTERM", stop(143));
  return server;
}
