import Link from "next/link";
import { KeyRound } from "lucide-react";
import { getActor } from "@/lib/auth/actor";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { getSettings } from "@/lib/settings/company";
import { MainNav, type NavItem } from "./main-nav";
import { SignOutButton } from "./sign-out-button";

export type { NavItem };

/** The header every area shares: company name, the area's navigation (and search, for the office), who is signed in. */
/** `signOut` replaces the sign-out button (the technician's warns about changes not synced yet). */
export async function SiteHeader({ nav = [], search, signOut }: { nav?: NavItem[]; search?: React.ReactNode; signOut?: React.ReactNode }) {
  const [actor, s] = await Promise.all([getActor(), getSettings()]);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href={actor ? ROLE_HOME[actor.role] : "/"} className="flex min-h-11 items-center gap-2 font-bold text-slate-900 no-underline">
          <KeyRound aria-hidden className="size-5 text-brand-700" />
          <span>{s.companyName}</span>
        </Link>
        {nav.length > 0 ? <MainNav items={nav} /> : null}
        {search}
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
