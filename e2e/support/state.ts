import fs from "node:fs";
import path from "node:path";
import type { ServerInfo } from "./server";

const TMP = path.resolve(import.meta.dirname, "..", ".tmp");
const FILE = path.join(TMP, "state.json");

export type E2EState = { server: ServerInfo; setupToken: string; databaseKind: "pglite" | "postgres"; dataDir: string };

export function writeState(s: E2EState) {
  fs.writeFileSync(FILE, JSON.stringify(s, null, 2));
}
export function readState(): E2EState | null {
  try {
    return JSON.parse(fs.readFileSync(FILE, "utf8")) as E2EState;
  } catch {
    return null;
  }
}

/** The accounts made by auth.setup.ts, with a saved signed-in state for each. */
export const ROLES = ["admin", "tech", "otherTech", "customerA", "customerB"] as const;
export type E2ERole = (typeof ROLES)[number];
/** `totpSecret`: the authenticator secret of an account with two-step sign-in (the admin). */
export type Account = { email: string; password: string; name: string; totpSecret?: string };

export const storageStatePath = (role: E2ERole) => path.join(TMP, `state-${role}.json`);
const ACCOUNTS = path.join(TMP, "accounts.json");

export function saveAccount(role: E2ERole, a: Account) {
  const all = readAccounts();
  all[role] = a;
  fs.writeFileSync(ACCOUNTS, JSON.stringify(all, null, 2));
}
export function readAccounts(): Partial<Record<E2ERole, Account>> {
  try {
    return JSON.parse(fs.readFileSync(ACCOUNTS, "utf8"));
  } catch {
    return {};
  }
}
export function account(role: E2ERole): Account {
  const a = readAccounts()[role];
  if (!a) throw new Error(`no ${role} account: did auth.setup.ts run?`);
  return a;
}
