import { describe, expect, it } from "vitest";
import { serialRunner, type SyncAsk } from "./serial";

/** A round that waits until released, recording what it was asked. */
function rounds() {
  const asks: Required<SyncAsk>[] = [];
  const releases: (() => void)[] = [];
  let stopWith = false;
  const round = async (ask: Required<SyncAsk>) => {
    asks.push(ask);
    await new Promise<void>((r) => releases.push(r));
    return { result: asks.length, stop: stopWith };
  };
  const releaseNext = async () => {
    while (releases.length === 0) await new Promise((r) => setTimeout(r, 1));
    releases.shift()!();
  };
  return { asks, round, releaseNext, stopNext: () => (stopWith = true) };
}

describe("serialRunner: one sync at a time, no ask lost or weakened", () => {
  it("an `online` ask (forced, with the day) during the timer's run makes one more round that is forced and pulls the day", async () => {
    const r = rounds();
    const sync = serialRunner(r.round);
    const timer = sync({});
    const online = sync({ force: true, day: true });
    const tapped = sync({ force: true });
    await r.releaseNext();
    await r.releaseNext();
    expect(await timer).toBe(2);
    expect(await online).toBe(2);
    expect(await tapped).toBe(2);
    expect(r.asks).toEqual([
      { force: false, day: false },
      { force: true, day: true },
    ]);
  });

  it("runs once when nothing is asked meanwhile, and starts afresh after", async () => {
    const r = rounds();
    const sync = serialRunner(r.round);
    const first = sync({ day: true });
    await r.releaseNext();
    expect(await first).toBe(1);
    const second = sync({});
    await r.releaseNext();
    expect(await second).toBe(2);
    expect(r.asks).toEqual([
      { force: false, day: true },
      { force: false, day: false },
    ]);
  });

  it("a round that must stop (a new sign-in is needed) drops what was asked meanwhile", async () => {
    const r = rounds();
    const sync = serialRunner(r.round);
    r.stopNext();
    const first = sync({});
    void sync({ force: true });
    await r.releaseNext();
    expect(await first).toBe(1);
    expect(r.asks).toHaveLength(1);
  });
});
