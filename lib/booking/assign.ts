/**
 * Put a visit on the first technician who can take it. Each try runs in a
 * savepoint: if the exclusion constraint (visits_no_overlap, SQLSTATE 23P01)
 * says someone got there first, that try is undone and the next technician
 * is tried (the write draws a fresh reference on each try). When none is left: "That time was just taken".
 *
 * PostgreSQL checks an exclusion constraint after inserting the index entry, so two
 * transactions inserting overlapping visits at the same moment can each wait for the
 * other: PostgreSQL then aborts one with a deadlock (40P01). That try is rolled back
 * to its savepoint too and the same technician is tried again: now it waits for the
 * other transaction and learns (23P01) whether the time was really taken.
 */
import type { Tx } from "@/db/client";
import { pgError } from "@/lib/platform/errors";
import { slotTaken } from "./slot-check";

export async function placeOnFreeTechnician<T>(tx: Tx, candidates: string[], write: (sp: Tx, technicianId: string) => Promise<T>, field = "slotStart") {
  for (const technicianId of candidates) {
    for (let tries = 0; ; tries++) {
      try {
        const result = await tx.transaction((sp) => write(sp, technicianId));
        return { technicianId, result };
      } catch (err) {
        const pg = pgError(err);
        if (pg?.code === "23P01") break; // taken on this technician: try the next
        if (pg?.code === "40P01" && tries < 5) continue; // a racing overlapping insert: try this technician again
        // A generated reference collided with another (about 1 in 900 million): draw again.
        if (pg?.code === "23505" && pg.constraint === "visits_reference_key" && tries < 3) continue;
        throw err;
      }
    }
  }
  throw slotTaken(field);
}
