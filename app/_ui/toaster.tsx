"use client";
import "sonner/dist/styles.css";
import { Toaster as Sonner } from "sonner";

/**
 * Where toasts appear (sonner): one per area layout. Its list is a polite
 * live region that exists before the first toast, so screen readers announce
 * each one; alt+T moves the focus to it. Top centre: clear of the phone's
 * bottom action bars. Errors stay until dismissed (app/_ui/notify.ts).
 */
export function Toaster() {
  return <Sonner richColors closeButton position="top-center" containerAriaLabel="Notifications" toastOptions={{ duration: 6000 }} />;
}
