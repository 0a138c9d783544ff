import { encode, getToken } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readSessionClaims, secureSessionCookie } from "./session-token";

// The library's own decryption, counted (readSessionClaims keeps what it decrypted).
vi.mock("next-auth/jwt", async (original) => {
  const m = await original<typeof import("next-auth/jwt")>();
  return { ...m, getToken: vi.fn(m.getToken) };
});

const SECRET = "test-secret-0123456789abcdef0123456789abcdef";
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";
const noEnv = {};

const token = (claims: Record<string, unknown>, salt = PLAIN, opts: { secret?: string; maxAge?: number } = {}) =>
  encode({ token: claims, secret: opts.secret ?? SECRET, salt, maxAge: opts.maxAge ?? 3600 });
const req = (cookie: string, extra: Record<string, string> = {}) => new Headers({ cookie, "x-forwarded-proto": "http", ...extra });

describe("secureSessionCookie", () => {
  it("follows X-Forwarded-Proto, then AUTH_URL when set, and defaults to https", () => {
    expect(secureSessionCookie(new Headers({ "x-forwarded-proto": "http" }), noEnv)).toBe(false);
    expect(secureSessionCookie(new Headers({ "x-forwarded-proto": "https" }), noEnv)).toBe(true);
    expect(secureSessionCookie(new Headers({ "x-forwarded-proto": "https,http" }), noEnv)).toBe(true);
    expect(secureSessionCookie(new Headers(), noEnv)).toBe(true);
    expect(secureSessionCookie(new Headers({ "x-forwarded-proto": "http" }), { AUTH_URL: "https://fieldkey.example" })).toBe(true);
    expect(secureSessionCookie(new Headers({ "x-forwarded-proto": "https" }), { NEXTAUTH_URL: "http://localhost:3000" })).toBe(false);
  });
});

describe("readSessionClaims", () => {
  it("reads the user id, session version and session id next-auth put in the cookie", async () => {
    const t = await token({ uid: "u-1", sv: 3, sid: "s-1", name: "Ana" });
    expect(await readSessionClaims(req(`other=1; ${PLAIN}=${t}`), SECRET, noEnv)).toEqual({ uid: "u-1", sv: 3, sid: "s-1" });
  });

  it("reads the __Secure- cookie behind https, and only that one", async () => {
    const secure = await token({ uid: "u-2", sv: 1, sid: "s-2" }, SECURE);
    const plain = await token({ uid: "u-3", sv: 1, sid: "s-3" }, PLAIN);
    const both = `${SECURE}=${secure}; ${PLAIN}=${plain}`;
    expect(await readSessionClaims(req(both, { "x-forwarded-proto": "https" }), SECRET, noEnv)).toEqual({ uid: "u-2", sv: 1, sid: "s-2" });
    expect(await readSessionClaims(req(both), SECRET, noEnv)).toEqual({ uid: "u-3", sv: 1, sid: "s-3" });
    // A cookie is bound to its name: the secure token under the plain name does not decrypt.
    expect(await readSessionClaims(req(`${PLAIN}=${secure}`), SECRET, noEnv)).toBeNull();
  });

  it("joins a session cookie split into chunks", async () => {
    const t = await token({ uid: "u-4", sv: 2, sid: "s-4" });
    const cut = Math.floor(t.length / 2);
    expect(await readSessionClaims(req(`${PLAIN}.1=${t.slice(cut)}; ${PLAIN}.0=${t.slice(0, cut)}`), SECRET, noEnv)).toEqual({ uid: "u-4", sv: 2, sid: "s-4" });
  });

  it("refuses expired, tampered, foreign and incomplete tokens", async () => {
    const expired = await token({ uid: "u-5", sv: 1, sid: "s-5" }, PLAIN, { maxAge: -120 });
    expect(await readSessionClaims(req(`${PLAIN}=${expired}`), SECRET, noEnv)).toBeNull();
    const good = await token({ uid: "u-5", sv: 1, sid: "s-5" });
    const parts = good.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    expect(await readSessionClaims(req(`${PLAIN}=${parts.join(".")}`), SECRET, noEnv)).toBeNull();
    const foreign = await token({ uid: "u-5", sv: 1, sid: "s-5" }, PLAIN, { secret: "another-secret-0123456789abcdef0123456789" });
    expect(await readSessionClaims(req(`${PLAIN}=${foreign}`), SECRET, noEnv)).toBeNull();
    expect(await readSessionClaims(req(`${PLAIN}=${await token({ uid: "u-5", sid: "s-5" })}`), SECRET, noEnv)).toBeNull();
    expect(await readSessionClaims(req(`${PLAIN}=${await token({ sv: 1, sid: "s-5" })}`), SECRET, noEnv)).toBeNull();
    expect(await readSessionClaims(req(`${PLAIN}=${await token({ uid: "u-5", sv: 1 })}`), SECRET, noEnv)).toBeNull(); // a cookie from before sessions had ids
    expect(await readSessionClaims(req(`${PLAIN}=not-a-token`), SECRET, noEnv)).toBeNull();
    expect(await readSessionClaims(req(""), SECRET, noEnv)).toBeNull();
  });

  it("never takes a session from a bearer header", async () => {
    const t = await token({ uid: "u-6", sv: 1, sid: "s-6" });
    expect(await readSessionClaims(new Headers({ authorization: `Bearer ${t}`, "x-forwarded-proto": "http" }), SECRET, noEnv)).toBeNull();
  });
});

describe("readSessionClaims keeps what it decrypted", () => {
  afterEach(() => vi.useRealTimers());

  it("the same cookie is decrypted once; another cookie, another secret or another scheme is decrypted afresh", async () => {
    const t = await token({ uid: "u-10", sv: 1, sid: "s-10" });
    const calls = () => vi.mocked(getToken).mock.calls.length;
    const before = calls();
    expect(await readSessionClaims(req(`${PLAIN}=${t}`), SECRET, noEnv)).toEqual({ uid: "u-10", sv: 1, sid: "s-10" });
    expect(await readSessionClaims(req(`${PLAIN}=${t}`), SECRET, noEnv)).toEqual({ uid: "u-10", sv: 1, sid: "s-10" });
    expect(calls()).toBe(before + 1);
    expect(await readSessionClaims(req(`${PLAIN}=${t}`), "another-secret-0123456789abcdef0123456789", noEnv)).toBeNull();
    expect(await readSessionClaims(req(`${PLAIN}=${t}`, { "x-forwarded-proto": "https" }), SECRET, noEnv)).toBeNull();
    expect(await readSessionClaims(req(`other=2; ${PLAIN}=${t}`), SECRET, noEnv)).toEqual({ uid: "u-10", sv: 1, sid: "s-10" });
    expect(calls()).toBe(before + 4);
  });

  it("a kept cookie stops counting when it expires", async () => {
    const t = await token({ uid: "u-11", sv: 1, sid: "s-11" }, PLAIN, { maxAge: 60 });
    expect(await readSessionClaims(req(`${PLAIN}=${t}`), SECRET, noEnv)).toEqual({ uid: "u-11", sv: 1, sid: "s-11" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 120_000);
    expect(await readSessionClaims(req(`${PLAIN}=${t}`), SECRET, noEnv)).toBeNull();
  });
});
