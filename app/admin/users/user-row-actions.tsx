"use client";
import { useState, useTransition } from "react";
import { changeRoleAction, disableUserAction, enableUserAction } from "./actions";

type Props = { user: { id: string; name: string; role: "customer" | "technician" | "admin"; disabled: boolean }; self: boolean };

export function UserRowActions({ user, self }: Props) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const r = await fn();
      setMessage(r.ok ? null : (r.error ?? "That did not work."));
    });
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
        onChange={(e) => run(() => changeRoleAction({ userId: user.id, role: e.target.value as Props["user"]["role"] }))}
      >
        <option value="customer">Customer</option>
        <option value="technician">Technician</option>
        <option value="admin">Admin</option>
      </select>
      {!self ? (
        user.disabled ? (
          <button type="button" className="btn-secondary" disabled={pending} onClick={() => run(() => enableUserAction({ userId: user.id }))}>
            Enable {user.name}
          </button>
        ) : (
          <button type="button" className="btn-secondary" disabled={pending} onClick={() => run(() => disableUserAction({ userId: user.id }))}>
            Disable {user.name}
          </button>
        )
      ) : (
        <span className="text-xs text-slate-500">(you)</span>
      )}
      <p className="w-full text-sm text-red-700" aria-live="polite">
        {message ?? ""}
      </p>
    </div>
  );
}
