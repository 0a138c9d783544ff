/**
 * HTTP requests from a chosen loopback source address (127.0.0.x: all of
 * 127.0.0.0/8 is this machine), so a test can be several clients without any
 * forwarding header: the server sees each as its own socket peer.
 */
import http from "node:http";

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function requestFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}
