"use client";
import { AlertTriangle } from "lucide-react";
import { Countdown } from "@/app/_ui/countdown";
import { DO_NOT_REBOOT } from "@/lib/vendor-cases/clock";

export type CaseClockView = {
  dueAt: string;
  dueAtText: string;
  resultReceivedAt: string | null;
  expiresAt: string | null;
  expiresAtText: string | null;
  /** The case's method: its own do-not-reboot words, how long its answer lives and what voids it (catalogue data). */
  method: { name: string; doNotReboot: string | null; validity: string; voidedBy: string[] } | null;
};

/**
 * The two clocks of an open vendor case on the job: until the vendor's answer
 * is due, then (once it is in) until it stops being usable, red near either;
 * and the method's own warning not to reboot the recorder.
 */
export function CaseClock({ c, now }: { c: CaseClockView; now: string }) {
  const answerIn = !!c.resultReceivedAt;
  return (
    <div className="space-y-2">
      <p className="flex gap-2 font-semibold text-purple-950" data-testid="do-not-reboot">
        <AlertTriangle aria-hidden className="size-5 shrink-0" /> {c.method?.doNotReboot ?? DO_NOT_REBOOT}
      </p>
      {answerIn ? (
        <p className="space-x-2 text-sm">
          <span className="font-medium">Answer in.</span>
          {c.expiresAt ? (
            <>
              <Countdown deadline={c.expiresAt} now={now} label="left to use it" pastLabel="Expired" testId="expiry-clock" />
              <span className="block text-slate-700">Use it before {c.expiresAtText}; after that it is void and a new request is needed.</span>
            </>
          ) : (
            <span className="text-slate-700">How long it stays valid is unknown: use it now.</span>
          )}
        </p>
      ) : (
        <p className="space-x-2 text-sm">
          <Countdown deadline={c.dueAt} now={now} label="until the answer is due" pastLabel="Answer due" testId="due-clock" />
          <span className="block text-slate-700">Due {c.dueAtText}.</span>
        </p>
      )}
      {c.method ? (
        <p className="text-sm text-slate-700">
          {c.method.name}: the answer stays valid {c.method.validity}
          {c.method.voidedBy.length ? `; ${c.method.voidedBy.join(" or ")} voids it` : ""}.
        </p>
      ) : null}
    </div>
  );
}
