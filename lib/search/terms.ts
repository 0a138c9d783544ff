/**
 * What a search box's text means for each kind of record, as plain
 * functions (tested without a database). The SQL in ./index.ts normalises
 * the stored values the same way, on the expressions the search indexes are
 * built on (db/migrations/0009_search_indexes.sql).
 */

/** Shortest text worth searching for. */
export const MIN_SEARCH_LENGTH = 2;
/** Longest text read (anything after is ignored). */
export const MAX_SEARCH_LENGTH = 100;

/** Trimmed, NUL-free, at most MAX_SEARCH_LENGTH characters. */
export function cleanQuery(q: string | null | undefined): string {
  return (q ?? "")
    .replace(/\u0000/g, "")
    .trim()
    .slice(0, MAX_SEARCH_LENGTH);
}

const alnum = (q: string) => q.toUpperCase().replace(/[^0-9A-Z]/g, "");
const likeEscape = (s: string) => s.replace(/[\\%_]/g, "\\$&");

/**
 * A visit reference, matched from its start with separators ignored:
 * "FK-7Q4M", "fk7q4m" and "7q4m" all find FK-7Q4M2X. Null when the text
 * cannot be a reference (too short once cleaned).
 */
export function referencePrefixes(q: string): string[] | null {
  const t = alnum(cleanQuery(q));
  if (t.length < MIN_SEARCH_LENGTH) return null;
  return t.startsWith("FK") ? [`${t}%`] : [`FK${t}%`, `${t}%`];
}

/**
 * A customer by name, email or phone: the text (lower case) anywhere in the
 * name or email, and, when it looks like a phone number (three digits or
 * more, nothing but digits and phone punctuation), its digits anywhere in the
 * phone's digits: "(216) 555-0101", "216.555.0101" and "5550101" all match.
 */
export function customerPatterns(q: string): string[] | null {
  const t = cleanQuery(q);
  if (t.length < MIN_SEARCH_LENGTH) return null;
  const patterns = [`%${likeEscape(t.toLowerCase())}%`];
  const digits = t.replace(/\D/g, "");
  if (digits.length >= 3 && /^[\d\s()+.\-/]+$/.test(t) && digits !== t) patterns.push(`%${digits}%`);
  return patterns;
}

/**
 * A device by serial, MAC or Lorex Device ID, anywhere in them, in upper case
 * with separators ignored: "aa:bb:cc", "AABBCC" and "aa-bb-cc" find the same
 * MAC.
 */
export function devicePattern(q: string): string | null {
  const t = alnum(cleanQuery(q));
  return t.length < MIN_SEARCH_LENGTH ? null : `%${t}%`;
}
