/**
 * One sync run at a time in a tab. An ask that comes while a run goes is not
 * lost and not weakened: the run goes round once more with everything asked
 * meanwhile merged (a forced ask, the `online` event's, stays forced even when
 * the run under way is the half-minute timer's, which respects the back-off;
 * a day pull asked stays asked). Every caller gets the result of the run that
 * covered its ask.
 */
export type SyncAsk = { force?: boolean; day?: boolean };

export function serialRunner<R>(round: (ask: Required<SyncAsk>) => Promise<{ result: R; stop: boolean }>) {
  let running: Promise<R> | null = null;
  let asked: Required<SyncAsk> | null = null;
  const merge = (a: Required<SyncAsk> | null, b: SyncAsk): Required<SyncAsk> => ({ force: !!(a?.force || b.force), day: !!(a?.day || b.day) });
  return (ask: SyncAsk = {}): Promise<R> => {
    if (running) {
      asked = merge(asked, ask);
      return running;
    }
    running = (async () => {
      try {
        let next = merge(null, ask);
        for (;;) {
          asked = null;
          const { result, stop } = await round(next);
          if (stop || !asked) return result;
          next = asked;
        }
      } finally {
        running = null;
        asked = null;
      }
    })();
    return running;
  };
}
