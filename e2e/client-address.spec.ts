import { expect, test } from "@playwright/test";
import { faultPort, freshTarget } from "./support/faults";
import { requestFrom } from "./support/from-address";
import { readLog, startServer, stopServer, waitForHealth } from "./support/server";

/**
 * Finding 1 (docs/security.md): the client does not pick its own address. The
 * server as `npm start` runs it, with its defaults (no trusted proxy), on a
 * fresh database of this pass. Requests that each claim another address in
 * X-Forwarded-For, X-Real-IP and FieldKey's own internal header all count
 * against the one socket address, so the public API's per-address limit
 * (60/min) stops them; another source address (127.0.0.2) is a client of its
 * own. Before the fix every forged header was a fresh bucket and no 429 came.
 */
test("per-address limits count the socket's address; forwarding headers a client writes are ignored", async () => {
  test.setTimeout(120_000);
  const target = await freshTarget("client-address");
  const port = faultPort("clientAddress");
  const { info } = startServer(port, { ...target.env, FIELDKEY_TRUSTED_PROXY_HOPS: "" }, "client-address.log");
  try {
    await waitForHealth(port, 90_000);
    // The server started as npm start does: instrumentation ran (database opened, first-admin link printed).
    await expect.poll(() => readLog(info), { timeout: 10_000 }).toMatch(/\/setup\?token=[\w-]{20,}/);
    const url = `http://127.0.0.1:${port}/api/v1/slots?brands=dahua&devices=1`;
    let limitedAt = 0;
    // 60 per minute per address; a fixed window can turn once during the run, so allow two windows.
    for (let i = 1; i <= 125 && !limitedAt; i++) {
      const forged = `198.51.${i >> 8}.${i & 255}`;
      const res = await requestFrom("127.0.0.1", url, { headers: { "X-Forwarded-For": forged, "X-Real-IP": forged, "X-Fieldkey-Client-Ip": forged } });
      if (res.status === 429) limitedAt = i;
      else expect(res.status, res.body.slice(0, 200)).toBe(200);
    }
    expect(limitedAt, "the forged addresses were all counted as 127.0.0.1").toBeGreaterThan(0);
    expect(limitedAt).toBeLessThanOrEqual(121);
    // Another machine (here another loopback source address) has its own count.
    const other = await requestFrom("127.0.0.2", url);
    expect(other.status).toBe(200);
  } finally {
    stopServer(info.pid);
  }
});
