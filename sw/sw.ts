/// <reference lib="webworker" />
/**
 * FieldKey's service worker (built after `next build` by lib/cli/build.ts
 * with Serwist; the precache manifest and the shell's policy are injected).
 *
 * - Technician navigations (/tech, /tech/…): network first, never cached; with
 *   no network, the precached offline shell, with a fresh nonce stamped into
 *   its tags and into the same Content-Security-Policy the pages get. The shell
 *   is build-time HTML with no user data: the jobs come from the user's store.
 * - /_next/static/*: cache first (hashed, immutable names).
 * - Everything else is not routed, so never cached: other pages (admin,
 *   portal), /api (sign-in, data, backup downloads), POSTs.
 * - Background Sync (Chromium): send the queue. When a page of the app is
 *   visible, it sends instead (uploads show their progress bar there).
 */
import { CacheFirst, ExpirationPlugin, type PrecacheEntry, Serwist, type SerwistGlobalConfig } from "serwist";
import { httpTransport, replayOutbox, SYNC_TAG } from "../app/_field/offline/queue";
import { getCurrentUser, userStore } from "../app/_field/offline/store";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;
declare const __SHELL_CSP__: string;
declare const __SHELL_URL__: string;
declare const __NONCE_PLACEHOLDER__: string;

/** Past this, a navigation that has not answered gets the shell (a basement with one bar). */
const NAV_TIMEOUT_MS = 6000;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: [
    {
      matcher: ({ request, sameOrigin, url }) => sameOrigin && request.mode === "navigate" && (url.pathname === "/tech" || url.pathname.startsWith("/tech/")),
      handler: async ({ request, event }) => {
        try {
          const preload = (await (event as FetchEvent).preloadResponse) as Response | undefined;
          if (preload) return preload;
          return await fetch(request, { signal: AbortSignal.timeout(NAV_TIMEOUT_MS) });
        } catch {
          return shellResponse();
        }
      },
    },
    {
      matcher: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "next-static", plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600 })] }),
    },
  ],
});

function freshNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}

async function shellResponse(): Promise<Response> {
  const cached = await serwist.matchPrecache(__SHELL_URL__);
  if (!cached) return new Response("FieldKey is offline and this phone has no copy of the app yet. Open it once with a connection.", { status: 503 });
  const nonce = freshNonce();
  // The shell is build-time HTML with no user data: every tag in it is ours, so each gets this response's nonce
  // (<link rel=preload as=script> is checked against script-src too).
  const html = (await cached.text()).replace(/<(script|style|link)\b(?![^>]*\bnonce=)/gi, `<$1 nonce="${nonce}"`);
  return new Response(html, {
    status: 200,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": __SHELL_CSP__.replaceAll(__NONCE_PLACEHOLDER__, nonce),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-FieldKey-Shell": "1",
    },
  });
}

async function replayFromWorker(): Promise<{ pending: number; authRequired: boolean; skipped?: string } | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  const windows = await self.clients.matchAll({ type: "window" });
  const visible = windows.find((c) => (c as WindowClient).visibilityState === "visible");
  if (visible) {
    visible.postMessage({ type: "fieldkey-sync" });
    return { pending: 0, authRequired: false, skipped: "page" };
  }
  return replayOutbox(userStore(user.id), user.id, httpTransport(), { force: true });
}

self.addEventListener("sync", (event: Event) => {
  const e = event as ExtendableEvent & { tag: string };
  if (e.tag !== SYNC_TAG) return;
  e.waitUntil(
    replayFromWorker().then((r) => {
      // Rejecting asks Chromium to fire the sync again later; pages also send on open and on `online`.
      if (r && r.pending > 0 && !r.authRequired && !r.skipped) throw new Error(`${r.pending} writes still queued`);
    }),
  );
});

serwist.addEventListeners();
