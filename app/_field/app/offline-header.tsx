import { KeyRound } from "lucide-react";

/** The technician's header in the offline shell (no session to read: no name, no sign-out until the connection is back). */
export function OfflineHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <a href="/tech" className="flex min-h-11 items-center gap-2 font-bold text-slate-900 no-underline">
          <KeyRound aria-hidden className="size-5 text-brand-700" />
          <span>FieldKey</span>
        </a>
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex gap-1">
            <li>
              <a href="/tech" className="flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:no-underline">
                My day
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
