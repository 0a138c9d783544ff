/** Runs once when a server process starts: open and migrate the database, offer first-run setup. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this too: it must never open (or lock) the database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("@/lib/platform/startup");
  await startServer();
}
