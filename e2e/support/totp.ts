/**
 * Codes from an account's authenticator, computed in the test from the secret
 * shown at enrolment (otplib, as the server checks them). A code is accepted
 * once per 30-second step (replays are refused), so the last step used per
 * account is kept in e2e/.tmp and the next code is taken from a later step:
 * the next step's code is accepted too (one step of clock drift either way).
 */
import fs from "node:fs";
import path from "node:path";
import { generate } from "otplib";
import { TMP } from "./server";

const STEP = 30;
const file = (email: string) => path.join(TMP, `totp-${email.replace(/\W/g, "_")}.json`);

export async function nextCode(secret: string, email: string): Promise<string> {
  let last = -1;
  try {
    last = (JSON.parse(fs.readFileSync(file(email), "utf8")) as { step: number }).step;
  } catch {
    /* first code */
  }
  for (;;) {
    const now = Math.floor(Date.now() / 1000);
    const step = Math.max(Math.floor(now / STEP), last + 1);
    if (step <= Math.floor(now / STEP) + 1) {
      fs.writeFileSync(file(email), JSON.stringify({ step }));
      return generate({ secret, epoch: step * STEP });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
