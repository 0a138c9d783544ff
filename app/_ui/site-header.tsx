import Link from "next/link";
import { KeyRound } from "lucide-react";
import { getActor } from "@/lib/auth/actor";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { getSettings } from "@/lib/settings/company";
import { SignOutButton } from "./sign-out-button";

export type NavItem = { href: string; label: string };

/** The header every area shares: company name, the area's navigation, who is signed in. */
/** `signOut` replaces the sign-out button (the technician's warns about changes not synced yet). */
export async function SiteHeader({ nav = [], signOut }: { nav?: NavItem[]; signOut?: React.ReactNode }) {
  const [actor, s] = await Promise.all([getActor(), getSettings()]);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href={actor ? ROLE_HOME[actor.role] : "/"} className="flex min-h-11 items-center gap-2 font-bold text-slate-900 no-underline">
          <KeyRound aria-hidden className="size-5 text-brand-700" />
          <span>{s.companyName}</span>
        </Link>
        {nav.length > 0 ? (
          <nav aria-label="Main" className="order-3 w-full overflow-x-auto sm:order-none sm:w-auto">
            <ul className="flex gap-1">
              {nav.map((n) => (
                <li key={n.href}>
                  <Link
                    href={n.href}
                    className="flex min-h-11 items-center whitespace-nowrap rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:no-underline"
                  >
                    {n.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="ml-auto flex items-center gap-3 text-sm">
          {actor ? (
            <>
              <span className="hidden text-slate-600 sm:inline" data-testid="signed-in-as">
                {actor.name} <span className="text-slate-500">({actor.role})</span>
              </span>
              {signOut ?? <SignOutButton />}
            </>
          ) : (
            <Link href="/signin" className="btn-secondary">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
