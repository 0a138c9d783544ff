import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DatabaseLockedError, lockDirectory } from "./lock";

function holdLockInChild(dir: string) {
  const script = `
    const fs = require("node:fs");
    fs.writeFileSync(${JSON.stringify(dir + ".lock")}, String(process.pid), { flag: "wx" });
    process.stdout.write("locked\\n");
    setTimeout(() => {}, 60000);
  `;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise<typeof child>((resolve) => child.stdout.once("data", () => resolve(child)));
}

describe("embedded database directory lock", () => {
  it("refuses a directory that a live process holds, and touches nothing", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fk-lock-")), "pglite");
    const child = await holdLockInChild(dir);
    try {
      expect(() => lockDirectory(dir)).toThrow(DatabaseLockedError);
      expect(() => lockDirectory(dir)).toThrow(/in use by another FieldKey process/);
      expect(fs.existsSync(dir)).toBe(false); // nothing created
      expect(fs.readFileSync(dir + ".lock", "utf8")).toBe(String(child.pid));
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("takes over a stale lock left by a dead process, and releases it", async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fk-lock-")), "pglite");
    const child = await holdLockInChild(dir);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const release = lockDirectory(dir);
    expect(fs.readFileSync(dir + ".lock", "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(dir + ".lock")).toBe(false);
  });

  it("refuses to open the same directory twice in one process", () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fk-lock-")), "pglite");
    const release = lockDirectory(dir);
    try {
      expect(() => lockDirectory(dir)).toThrow(DatabaseLockedError);
    } finally {
      release();
    }
  });
});
