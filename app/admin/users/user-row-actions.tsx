"use client";
import { useServerAction } from "@/app/_ui/use-server-action";
import { ROLES, type Role } from "@/lib/values";
import { ROLE_LABELS } from "@/lib/values/labels";
import { changeRoleAction, disableUserAction, enableUserAction, resetTwoFactorAction } from "./actions";

type Props = { user: { id: string; name: string; role: Role; disabled: boolean; twoFactor: boolean }; self: boolean };

/** A person's role and access: the select and the button share one pending state and one message. */
export function UserRowActions({ user, self }: Props) {
  const { run, pending, error } = useServerAction();
  const roleId = `role-${user.id}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={roleId} className="sr-only">
        Role of {user.name}
      </label>
      <select
        id={roleId}
        className="input w-auto min-w-36"
        defaultValue={user.role}
        disabled={pending || self}
        onChange={(e) => {
          const role = e.target.value as Role;
          run(() => changeRoleAction({ userId: user.id, role }), { toast: `${user.name} is now ${ROLE_LABELS[role].toLowerCase()}.` });
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {!self ? (
        user.disabled ? (
          <button
            type="button"
            className="btn-secondary"
            disabled={pending}
            aria-busy={pending || undefined}
            onClick={() => run(() => enableUserAction({ userId: user.id }), { toast: `${user.name} can sign in again.` })}
          >
            Enable {user.name}
          </button>
        ) : (
          <button
            type="button"
            className="btn-secondary"
            disabled={pending}
            aria-busy={pending || undefined}
            onClick={() => run(() => disableUserAction({ userId: user.id }), { toast: `${user.name} is disabled and signed out everywhere.` })}
          >
            Disable {user.name}
          </button>
        )
      ) : (
        <span className="text-xs text-slate-500">(you)</span>
      )}
      {!self && user.twoFactor ? (
        <button
          type="button"
          className="btn-secondary"
          disabled={pending}
          aria-busy={pending || undefined}
          onClick={() => {
            if (window.confirm(`Turn off two-step sign-in for ${user.name}? They are signed out everywhere and set it up again.`))
              run(() => resetTwoFactorAction({ userId: user.id }));
          }}
        >
          Reset two-step sign-in for {user.name}
        </button>
      ) : null}
      <p role="alert" className="w-full text-sm text-red-700">
        {error ?? ""}
      </p>
    </div>
  );
}
