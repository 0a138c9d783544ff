"use client";
import dynamic from "next/dynamic";
import type { TechAppProps } from "./tech-app";

/**
 * The technician's app, loaded after the page's first paint: the store
 * (Dexie), the queue and the job view are one chunk that is not part of the
 * page's first-load JavaScript, and the service worker keeps it for offline.
 */
const TechApp = dynamic(() => import("./tech-app"), {
  ssr: false,
  loading: () => (
    <p className="card text-slate-700" role="status">
      Loading…
    </p>
  ),
});

export function TechAppLoader(props: TechAppProps) {
  return <TechApp {...props} />;
}
