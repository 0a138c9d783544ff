/**
 * The one permission table. Data functions ask `requirePermission(actor, p)`
 * and then scope their query with lib/auth/scopes.ts (a customer to their own
 * customer record, a technician to visits assigned to them). Pages and
 * layouts gate on a permission too (`requirePagePermission`, app/_ui/guard.ts),
 * never on a list of roles. Add a permission here first.
 */
import type { Role } from "@/db/schema";
import { ForbiddenError, UnauthenticatedError } from "@/lib/platform/errors";

export const PERMISSIONS = {
  // areas of the site: who gets in at all (each page then asks for what it shows)
  "area:admin": ["admin"],
  "area:tech": ["technician"],
  "area:portal": ["customer"],
  // signing in: a session of these roles counts only after the second factor (lib/auth/sessions.ts)
  "two-factor:required": ["admin"],
  /** May enrol an authenticator for two-step sign-in (optional for technicians). */
  "two-factor:enrol": ["technician", "admin"],
  // people
  "users:manage": ["admin"],
  "customers:manage": ["admin"],
  "customers:read-own": ["customer"],
  // booking and visits
  "visits:book-own": ["customer"],
  "visits:read-own": ["customer"],
  "visits:manage-own": ["customer"],
  "visits:dispatch": ["admin"],
  "visits:read-assigned": ["technician"],
  // field work
  "jobs:work": ["technician", "admin"],
  "devices:edit-own": ["customer"],
  "devices:manage": ["admin"],
  // backups
  "backups:upload": ["technician", "admin"],
  "backups:download": ["customer", "technician", "admin"],
  "backups:delete": ["admin"],
  "audit:read": ["admin"],
  // company
  "settings:manage": ["admin"],
  "availability:manage": ["admin"],
  "reports:read": ["admin"],
  "outbox:read": ["admin"],
  "vendor-cases:read-all": ["admin"],
  /** The office's search box: visits, customers and devices in one (each group scoped as its own reads). */
  "search:office": ["admin"],
  // booking (customer portal)
  "sites:edit-own": ["customer"],
  // integrations
  "api-tokens:manage": ["admin"],
  "webhooks:manage": ["admin"],
  "calendar:subscribe": ["technician", "admin"],
  // billing
  "billing:manage": ["admin"],
  "billing:read-own": ["customer"],
  /** Take an estimate's acceptance or a payment on site, on a visit assigned to them. */
  "billing:take-on-site": ["technician", "admin"],
  /** Read devices (each role scoped: owner, assigned technician, admin). */
  "devices:read": ["customer", "technician", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** What the data-access layer knows about the signed-in person, re-read from the database on each request. */
export type Actor = {
  id: string;
  role: Role;
  name: string;
  email: string;
  /** Set for customer logins. */
  customerId: string | null;
};

export function can(actor: Pick<Actor, "role"> | null, permission: Permission): boolean {
  return !!actor && (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new UnauthenticatedError();
  if (!can(actor, permission)) throw new ForbiddenError();
}

/** Home page of each role's area. */
export const ROLE_HOME: Record<Role, string> = { customer: "/portal", technician: "/tech", admin: "/admin" };
