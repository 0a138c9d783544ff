import type { MetadataRoute } from "next";

/** "Add to Home Screen": the technician's app, opening on the day view, standalone. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/tech",
    name: "FieldKey Technician",
    short_name: "FieldKey",
    description: "Your visits, jobs and recovery playbooks, with or without a signal.",
    start_url: "/tech",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: "#f8fafc",
    theme_color: "#1e40af",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
