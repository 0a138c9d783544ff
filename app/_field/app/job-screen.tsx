"use client";
import { useEffect, useState } from "react";
import type { FieldJob } from "@/lib/field/sync";
import { JobView } from "../job-view";
import { withPending } from "../offline/kinds";
import { pullJob, type PullResult } from "../offline/pull";
import { userStore, type OutboxItem } from "../offline/store";
import { FieldWriterProvider } from "../write-context";
import { useTechWriter } from "./tech-writer";

/**
 * One job, from the phone's store with its writes not yet synced laid over
 * it. Fetched when the store does not have it (a visit beyond tomorrow, the
 * first open), and again after its writes were answered.
 */
export function JobScreen(props: {
  userId: string;
  visitId: string;
  stored: FieldJob | undefined;
  items: readonly OutboxItem[];
  online: boolean;
  maxBytes: number;
}) {
  const { userId, visitId, stored, items, online } = props;
  const [pull, setPull] = useState<PullResult | "loading" | null>(null);
  useEffect(() => {
    if (!online) return;
    let live = true;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- showing that a fetch started
    setPull("loading");
    void pullJob(userStore(userId), visitId).then((r) => live && setPull(r));
    return () => {
      live = false;
    };
  }, [userId, visitId, online]);
  const job = stored ? withPending(stored, items) : undefined;
  const writer = useTechWriter(userId, job, visitId, items);
  if (!job) {
    if (pull === "gone")
      return (
        <div className="card space-y-2">
          <h1 className="text-xl font-bold">We could not find that job</h1>
          <p>
            It is not assigned to you (any more). <a href="/tech">Back to my day</a>.
          </p>
        </div>
      );
    if (!online || pull === "offline")
      return (
        <div className="card space-y-2">
          <h1 className="text-xl font-bold">This job is not saved on this phone</h1>
          <p>
            Open it once with a connection; today&apos;s and tomorrow&apos;s jobs are kept for offline use. <a href="/tech">Back to my day</a>.
          </p>
        </div>
      );
    return (
      <p className="card text-slate-700" role="status">
        {pull === "error" ? "The job could not be loaded. Try again in a moment." : "Loading the job…"}
      </p>
    );
  }
  return (
    <FieldWriterProvider writer={writer}>
      <JobView job={job} area="tech" maxBytes={props.maxBytes} />
    </FieldWriterProvider>
  );
}
