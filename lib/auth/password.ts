import "server-only";
import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's baseline).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A real hash of a random string: verifying against it costs the same as a
// real account, so response time does not reveal whether an email exists.
const DUMMY = "$argon2id$v=19$m=19456,t=2,p=1$PRwaq3a1dVLPSraeiFrgMg$dSQGXz8A+EUfXLDc/L6CajGASN0aFvHcONzLOYIt20w";

export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(hashed ?? DUMMY, password);
    return hashed !== null && ok;
  } catch {
    return false;
  }
}
