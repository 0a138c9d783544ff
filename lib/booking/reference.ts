import { randomInt } from "node:crypto";

/** No 0/O, 1/I/L: easy to read out on the phone. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** A short human reference for a visit, e.g. FK-7Q4M2X (unique index visits_reference_key backs it). */
export function generateReference() {
  let out = "FK-";
  for (let i = 0; i < 6; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
