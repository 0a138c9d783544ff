/** What every kind of the phone's write registry shares (app/_field/offline/kinds.ts assembles them). */
import type { FieldJob } from "@/lib/field/sync";
import type { OutboxItem } from "../store";

export type Job = FieldJob;
export type Device = Job["devices"][number];
export type In = Record<string, unknown>;
export const str = (v: unknown) => (typeof v === "string" ? v : "");

export type Refusal = { error: string; fieldErrors?: Record<string, string[]> };

/** The marker the job view shows on things not yet confirmed by the server. */
export type Pending = { pending?: "queued" | "sent" };

export type ClientKind = {
  /** One line for the lists. */
  summary: (input: In, job: Job | undefined) => string;
  /** A refusal the phone can tell at once, in the server's words (the server checks again on sync). */
  check?: (job: Job, input: In) => Refusal | string | null;
  /** Show it on the job now (mutates the copy it is given). */
  apply?: (job: Job, item: OutboxItem) => void;
};

export const deviceOf = (job: Job, id: unknown) => job.devices.find((d) => d.id === id);
export const methodName = (d: Device | undefined, id: unknown) => d?.playbook.find((e) => e.method.id === id)?.method.name ?? str(id);
/** An id the phone gave a thing the server has not made yet is the id of the write that makes it. */
export const sameThing = (id: string, item: OutboxItem, field: string) => id === str(item.input[field]) || id === item.refs[field];
export const pendingOf = (item: OutboxItem): Pending["pending"] => (item.state === "sent" ? "sent" : "queued");
