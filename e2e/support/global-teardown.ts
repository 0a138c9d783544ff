import { readState } from "./state";
import { stopServer } from "./server";

export default async function globalTeardown() {
  const state = readState();
  if (state) stopServer(state.server.pid);
}
