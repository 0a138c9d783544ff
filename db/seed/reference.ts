import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { recoveryMethods, settings } from "../schema";
import { RECOVERY_METHODS } from "./catalogue";
import { DEFAULT_SETTINGS } from "@/lib/settings/schema";

/**
 * Reference data every database needs: the recovery-method catalogue (kept
 * in step with the code) and default company settings (never overwriting
 * what an admin changed). Idempotent; safe from several instances at once.
 */
export async function seedReferenceData(db: Database) {
  await db.transaction(async (tx) => {
    for (const m of RECOVERY_METHODS) {
      const row = {
        kinds: [],
        warnings: [],
        claimedSuccessRate: null,
        claimSource: null,
        vendorWaitMinutes: null,
        requiresDescription: false,
        answerValidity: { kind: "unknown" } as const,
        voidedBy: [],
        doNotReboot: null,
        evidence: [],
        active: true,
        ...m,
      };
      await tx
        .insert(recoveryMethods)
        .values(row)
        .onConflictDoUpdate({
          target: recoveryMethods.id,
          set: {
            name: sql`excluded.name`,
            brands: sql`excluded.brands`,
            kinds: sql`excluded.kinds`,
            requirements: sql`excluded.requirements`,
            requiresOptions: sql`excluded.requires_options`,
            wipesConfig: sql`excluded.wipes_config`,
            vendorPending: sql`excluded.vendor_pending`,
            typicalTime: sql`excluded.typical_time`,
            typicalMinutes: sql`excluded.typical_minutes`,
            vendorWaitMinutes: sql`excluded.vendor_wait_minutes`,
            steps: sql`excluded.steps`,
            warnings: sql`excluded.warnings`,
            sortOrder: sql`excluded.sort_order`,
            claimedSuccessRate: sql`excluded.claimed_success_rate`,
            claimSource: sql`excluded.claim_source`,
            requiresDescription: sql`excluded.requires_description`,
            answerValidity: sql`excluded.answer_validity`,
            voidedBy: sql`excluded.voided_by`,
            doNotReboot: sql`excluded.do_not_reboot`,
            evidence: sql`excluded.evidence`,
          },
        });
    }
    const defaults = Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value }));
    await tx.insert(settings).values(defaults).onConflictDoNothing();
  });
}
