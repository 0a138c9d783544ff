import "server-only";
import { eq } from "drizzle-orm";
import { formatTimeRange } from "@/lib/format/dates";
import { inTransaction, type WriteOptions } from "@/db/client";
import { customers, sites, users, visits } from "@/db/schema";
import { audit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/permissions";
import { enqueueMail } from "@/lib/mail/outbox";
import { parseInput } from "@/lib/platform/errors";
import { getSettings } from "@/lib/settings/company";
import { assertTransition } from "@/lib/visits/lifecycle";
import { assertEditable, loadWorkVisit } from "./access";
import { advanceVisitSchema } from "./schemas";

/**
 * The technician's one-tap moves: scheduled -> en_route -> on_site (or
 * straight to on_site). "On the way" emails the customer, through the
 * outbox, in the same transaction. waiting_vendor and completed have their
 * own entry points (vendor cases, completion).
 */
export async function advanceVisit(actor: Actor | null, input: unknown, ip: string | null = null, opts: WriteOptions = {}) {
  const { visitId, to } = parseInput(advanceVisitSchema, input);
  const s = await getSettings(opts.tx);
  return inTransaction(opts.tx, async (tx) => {
    const v = await loadWorkVisit(tx, actor, visitId, { lock: true });
    assertEditable(v);
    assertTransition(v.status, to);
    await tx.update(visits).set({ status: to, updatedAt: new Date() }).where(eq(visits.id, v.id));
    await audit(tx, { actorId: actor!.id, action: "visit.status", entityType: "visit", entityId: v.id, details: { from: v.status, to }, ip });
    if (to === "en_route") {
      const [c] = await tx
        .select({ name: customers.name, email: customers.email, tech: users.name, line1: sites.addressLine1, city: sites.city })
        .from(visits)
        .innerJoin(customers, eq(customers.id, visits.customerId))
        .innerJoin(sites, eq(sites.id, visits.siteId))
        .leftJoin(users, eq(users.id, visits.technicianId))
        .where(eq(visits.id, v.id));
      if (c?.email) {
        const window = formatTimeRange(v.startsAt, v.endsAt, s);
        await enqueueMail(tx, {
          kind: "visit.en_route",
          to: c.email,
          visitId: v.id,
          subject: `${c.tech ?? "Your technician"} is on the way (${v.reference})`,
          text:
            `Hello ${c.name},\n\n${c.tech ?? "Your technician"} from ${s.companyName} is on the way to ${c.line1}, ${c.city} ` +
            `for visit ${v.reference} (window ${window}).\n\nPlease have the recorder's location accessible and someone ` +
            `on site who can authorize the work.\n\nQuestions? Call ${s.companyPhone}.\n\n${s.companyName}`,
        });
      }
    }
    return { status: to };
  });
}
