/**
 * Which navigation item is the current page: the one whose href is the path or its longest
 * prefix (/portal/visits/… is under "My visits" at /portal; /portal/backups is "Backups").
 * Plain module (no React), shared by the headers and tested beside.
 */
export function currentHref(hrefs: readonly string[], path: string): string | null {
  let best: string | null = null;
  for (const href of hrefs) {
    const under = path === href || path.startsWith(href.endsWith("/") ? href : `${href}/`);
    if (under && (best === null || href.length > best.length)) best = href;
  }
  return best;
}
