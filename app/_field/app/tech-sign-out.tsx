"use client";
import { useRef, useState } from "react";
import { signOutAction } from "@/app/(auth)/actions";

/**
 * Sign out on the technician's phone: everything of this user on the phone is
 * deleted first, so the next person to sign in on it sees nothing of theirs.
 * With changes not synced yet, it warns and offers to send them first.
 */
export function TechSignOut({ userId }: { userId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [waiting, setWaiting] = useState(0);
  const [busy, setBusy] = useState(false);
  const leaving = useRef(false);
  const [note, setNote] = useState<string | null>(null);
  const store = () => import("../offline/store");

  const signOutNow = async () => {
    setBusy(true);
    const { deleteUserStore } = await store();
    await deleteUserStore(userId);
    leaving.current = true;
    form.current?.requestSubmit();
  };

  return (
    <>
      <form
        ref={form}
        action={signOutAction}
        onSubmit={async (ev) => {
          if (leaving.current) return;
          ev.preventDefault();
          const { userStore, unsyncedCount } = await store();
          const n = await unsyncedCount(userStore(userId));
          if (n === 0) return void signOutNow();
          setWaiting(n);
          setNote(null);
          dialog.current?.showModal();
        }}
      >
        <button type="submit" className="btn-secondary" disabled={busy}>
          Sign out
        </button>
      </form>
      <dialog
        ref={dialog}
        aria-labelledby="signout-title"
        className="m-auto max-w-md rounded-2xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-3 p-4">
          <h2 id="signout-title" className="text-lg font-bold">
            {waiting} change{waiting === 1 ? " is" : "s are"} not synced yet
          </h2>
          <p>Signing out deletes everything FieldKey keeps on this phone, including changes the server has not received. Sync them first.</p>
          <p role="status" className="text-sm text-slate-800">
            {note ?? ""}
          </p>
          <div className="grid gap-2">
            <button
              type="button"
              className="btn-primary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setNote("Syncing…");
                const [{ syncNow }, { userStore, unsyncedCount }] = await Promise.all([import("../offline/runner"), store()]);
                await syncNow(userId, { force: true });
                const n = await unsyncedCount(userStore(userId));
                setBusy(false);
                setWaiting(n);
                if (n === 0) {
                  setNote("Everything is synced.");
                  dialog.current?.close();
                  void signOutNow();
                } else
                  setNote(
                    navigator.onLine ? `${n} still not synced: see “Needs attention”, or try again.` : "You are offline: sync when you have a connection.",
                  );
              }}
            >
              Sync now, then sign out
            </button>
            <button
              type="button"
              className="btn-secondary text-red-800"
              disabled={busy}
              onClick={() => {
                dialog.current?.close();
                void signOutNow();
              }}
            >
              Sign out and delete them
            </button>
            <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
