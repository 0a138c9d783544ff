/**
 * Where to go after signing in, from a `next` the visitor supplied: only a
 * same-site path, and only well-formed text (a lone UTF-16 surrogate cannot be
 * put in a URL). Anything else: "" (the role's home).
 */
export function safeNextPath(next: string | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "";
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(next) ? "" : next;
}
