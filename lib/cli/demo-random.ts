/** The demo's randomness: a small deterministic PRNG (so two demo databases look alike) and the names it picks people from. */
let seed = 20261127;
export const rand = () => (seed = (seed * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
export const chance = (p: number) => rand() < p;

export const FIRST = [
  "Maria",
  "James",
  "Aisha",
  "Tom",
  "Priya",
  "Luis",
  "Hannah",
  "Omar",
  "Grace",
  "Dmitri",
  "Keisha",
  "Ben",
  "Sofia",
  "Wei",
  "Nora",
  "Marcus",
];
export const LAST = ["Lopez", "Nguyen", "Patel", "Kowalski", "Johnson", "Okafor", "Schmidt", "Rossi", "Chen", "Brown", "Haddad", "Murphy"];
