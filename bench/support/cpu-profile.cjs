/* eslint-disable @typescript-eslint/no-require-imports -- preloaded with node --require, CommonJS on purpose */
/**
 * Preloaded into the app under `npm run bench:sync -- --profile`
 * (NODE_OPTIONS=--require …): the process serving requests samples its CPU
 * between two SIGUSR2 (the first starts, the second writes the profile into
 * FIELDKEY_PROFILE_DIR as <pid>.cpuprofile, Chrome DevTools' format).
 */
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.FIELDKEY_PROFILE_DIR;
if (dir && process.argv.some((a) => a.endsWith("lib/cli/start.ts"))) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 250 }));
  let running = false;
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      session.post("Profiler.start");
      return;
    }
    running = false;
    session.post("Profiler.stop", (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
