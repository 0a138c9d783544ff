/** A local webhook receiver for tests: node:http on 127.0.0.1, a random port, scripted status codes. */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: http.IncomingHttpHeaders; body: string };

export async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const script = [...statuses];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = script.length ? script.shift()! : 200;
      res.writeHead(status, { "Content-Type": "text/plain" }).end(status < 300 ? "thanks" : `nope ${"x".repeat(3000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/fieldkey`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
