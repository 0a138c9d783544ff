import type { Metadata } from "next";
import { requirePagePermission } from "@/app/_ui/guard";
import { backupKeyStatus } from "@/lib/backups/rotate";
import { RotateKeysButton } from "../rotate-keys-button";

export const metadata: Metadata = { title: "Backup vault" };

export default async function BackupVaultPage() {
  const actor = await requirePagePermission("settings:manage");
  const status = await backupKeyStatus(actor);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Backup vault</h1>
      <section className="card space-y-3" aria-labelledby="keys">
        <h2 id="keys" className="font-semibold">
          Encryption keys
        </h2>
        <p className="text-slate-700">
          New backups are encrypted with key <strong>{status.currentKeyId}</strong>. Backups still under an older key keep working while that key is configured.
        </p>
        <table className="text-sm">
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="pr-6 text-left">
                Key id
              </th>
              <th scope="col" className="text-right">
                Backups
              </th>
            </tr>
          </thead>
          <tbody>
            {status.byKey.map((k) => (
              <tr key={k.keyId} data-no-open="An encryption key has no page: its row says all there is (its id and how many backups it encrypts).">
                <td className="pr-6">
                  {k.keyId}
                  {k.keyId === status.currentKeyId ? " (current)" : ""}
                  {!k.configured ? " — not configured!" : ""}
                </td>
                <td className="text-right">{k.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <RotateKeysButton pending={status.byKey.filter((k) => k.keyId !== status.currentKeyId).reduce((n, k) => n + k.count, 0)} />
      </section>
    </div>
  );
}
