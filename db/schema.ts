/**
 * The FieldKey data model, one file per area under db/tables/ (in dependency
 * order below); everything is imported from here, as "@/db/schema".
 *
 * Conventions
 * - Enumerated values are `text` columns with a CHECK constraint (easy to
 *   extend in a migration, unlike a Postgres enum) and a TypeScript union;
 *   the lists are in lib/values (client-safe: browser code imports them
 *   from there, never from here).
 * - Every foreign key states its ON DELETE on purpose: parts of a record
 *   (visit devices, checklist) cascade with it; facts that reports and audits
 *   are built from (attempts, backups, audit events) restrict deletion.
 * - Invariants drizzle cannot express (the no-overlap exclusion constraint)
 *   live in custom SQL migrations beside the generated ones.
 */
// The value sets live in lib/values (client-safe); server code may keep importing them from here.
export * from "../lib/values";
export * from "./tables/people";
export * from "./tables/places";
export * from "./tables/visits";
export * from "./tables/field";
export * from "./tables/vault";
export * from "./tables/platform";
export * from "./tables/reports";
export * from "./tables/integrations";
export * from "./tables/billing";
export * from "./tables/estimates";
export * from "./tables/invoices";
export * from "./tables/payments";
