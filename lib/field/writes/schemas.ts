/**
 * The wire format of a field write (POST /api/field/writes): client-safe, so
 * the phone's queue and the server read one definition.
 */
import { z } from "zod";
import { FIELD_WRITE_KINDS } from "@/lib/values";

/** Most writes in one request (the phone sends a visit's queue in order, in batches). */
export const MAX_WRITES_PER_BATCH = 50;

export const fieldWriteSchema = z.object({
  /** Made on the phone (UUID v7): the idempotency key. */
  id: z.uuid("The write id must be a UUID made on the phone."),
  kind: z.enum(FIELD_WRITE_KINDS, "Unknown kind of field write."),
  /** The visit the write is for: writes of one visit apply in the order they were made. */
  visitId: z.uuid("That visit id is not valid."),
  /** When the write was made (the phone's clock). */
  madeAt: z.iso.datetime({ offset: true, error: "madeAt must be an ISO time with an offset." }),
  /** The same input the lib function takes (lib/field/schemas.ts), checked there. */
  input: z.record(z.string(), z.unknown(), "The write's input must be an object."),
  /**
   * Ids this write needs from earlier writes that the phone could not know
   * yet: { attemptId: "<id of the attempt.log write>" }, { backupId: "<id of
   * the upload>" }. The server fills them in from what it stored.
   */
  refs: z.record(z.string(), z.uuid("A reference must be the id of an earlier write.")).optional().default({}),
});
export type FieldWrite = z.input<typeof fieldWriteSchema>;

export const fieldWriteBatchSchema = z.object({
  writes: z.array(z.unknown()).min(1, "Send at least one write.").max(MAX_WRITES_PER_BATCH, `Send at most ${MAX_WRITES_PER_BATCH} writes at once.`),
});

/** The answer to one write: the stored first answer (`replayed` when this was not the first time). */
export type FieldWriteResult = { id: string; status: number; body: unknown; replayed: boolean };
