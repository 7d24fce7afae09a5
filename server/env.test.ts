import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkServerConfig, ConfigError, parseConfig } from "./env";

describe("parseConfig", () => {
  it("has sensible defaults: loopback only until sign-in exists, demo on, port 3000", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ PORT: 3000, MERIDIAN_HOST: "127.0.0.1", MERIDIAN_DEMO: true });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.relayUrl).toBe("http://127.0.0.1:3000");
  });

  it("lets flags win over the environment", () => {
    const c = parseConfig({ PORT: "4000", MERIDIAN_DEMO: "true" }, ["--port", "5000", "--no-demo"]);
    expect(c.PORT).toBe(5000);
    expect(c.MERIDIAN_DEMO).toBe(false);
  });

  it.each([
    [{ PORT: "http" }, /^PORT \(got "http"\): must be a number/],
    [{ PORT: "70000" }, /^PORT .*0-65535/],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL: must be a postgres/],
    [{ MERIDIAN_DEMO: "maybe" }, /^MERIDIAN_DEMO .*true or false/],
    [{ MERIDIAN_RELAY_URL: "not a url" }, /^MERIDIAN_RELAY_URL .*http\(s\) URL/],
    [{ MERIDIAN_REGION: "US East" }, /^MERIDIAN_REGION .*DNS label/],
    [{ MERIDIAN_EMBED_ALLOWED_ORIGINS: "https://portal.example.com, *" }, /^MERIDIAN_EMBED_ALLOWED_ORIGINS .*"\*" must be one exact origin/],
    [{ MERIDIAN_EMBED_ALLOWED_ORIGINS: "https://a.example.com;script-src *" }, /^MERIDIAN_EMBED_ALLOWED_ORIGINS .*without spaces, commas, semicolons/],
    [{ MERIDIAN_EMBED_ALLOWED_ORIGINS: "https://portal.example.com/app" }, /^MERIDIAN_EMBED_ALLOWED_ORIGINS .*without a path/],
    [{ MERIDIAN_EMBED_SECRET: "short" }, /^MERIDIAN_EMBED_SECRET: must be at least 32 characters$/],
    [{ MERIDIAN_PROXY_ALLOWED_NETWORKS: "10.0.0.0/8, intranet" }, /^MERIDIAN_PROXY_ALLOWED_NETWORKS \(got .*\): "intranet" is not an IPv4 or IPv6 network like 10\.0\.0\.0\/8/],
    [{ MERIDIAN_PROXY_ALLOWED_NETWORKS: "10.0.0.0/33" }, /^MERIDIAN_PROXY_ALLOWED_NETWORKS .*"10\.0\.0\.0\/33" has a prefix length that is not 0 to 32$/],
    [{ MERIDIAN_PROXY_ALLOWED_NETWORKS: "10.1.2.3/8" }, /^MERIDIAN_PROXY_ALLOWED_NETWORKS .*"10\.1\.2\.3\/8" has bits set past its \/8 prefix \(the network is 10\.0\.0\.0\/8\)$/],
  ])("names the variable and the problem for %o", (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });

  it("never echoes a database URL, which may hold a password, or a secret", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://user:secret@x" })).toThrow(/^(?!.*secret)/);
    expect(() => parseConfig({ MERIDIAN_EMBED_SECRET: "hunter2" })).toThrow(/^(?!.*hunter2)/);
    expect(() => parseConfig({ MERIDIAN_AUTH_SECRET: "hunter2" })).toThrow(/^(?!.*hunter2)/);
  });

  it("reads the embed allow-list as canonical origins", () => {
    expect(parseConfig({ MERIDIAN_EMBED_ALLOWED_ORIGINS: " HTTPS://Portal.Example.com:443/ ,http://127.0.0.1:8080" }).MERIDIAN_EMBED_ALLOWED_ORIGINS).toEqual(["https://portal.example.com", "http://127.0.0.1:8080"]);
    expect(parseConfig({}).MERIDIAN_EMBED_ALLOWED_ORIGINS).toEqual([]);
  });

  it("reads the proxy network allow-list, IPv4 and IPv6, empty by default", () => {
    expect(parseConfig({}).MERIDIAN_PROXY_ALLOWED_NETWORKS).toEqual([]);
    expect(parseConfig({ MERIDIAN_PROXY_ALLOWED_NETWORKS: " 10.20.0.0/16, fd00:1::/32 ,192.168.1.7," }).MERIDIAN_PROXY_ALLOWED_NETWORKS).toEqual([
      { address: "10.20.0.0", prefix: 16, family: "ipv4" },
      { address: "fd00:1::", prefix: 32, family: "ipv6" },
      { address: "192.168.1.7", prefix: 32, family: "ipv4" },
    ]);
  });

  it("lets proxy URLs point at loopback in demo mode or outside production only", () => {
    expect(parseConfig({ NODE_ENV: "production" }).proxyLoopbackAllowed).toBe(true); // demo is on by default
    expect(parseConfig({ NODE_ENV: "production", MERIDIAN_DEMO: "false" }).proxyLoopbackAllowed).toBe(false);
    expect(parseConfig({ NODE_ENV: "development", MERIDIAN_DEMO: "false" }).proxyLoopbackAllowed).toBe(true);
    expect(parseConfig({ NODE_ENV: "test", MERIDIAN_DEMO: "false" }).proxyLoopbackAllowed).toBe(true);
  });

  it("rejects unknown flags and flags without a value", () => {
    expect(() => parseConfig({}, ["--prot", "1"])).toThrow(/unknown flag --prot/);
    expect(() => parseConfig({}, ["--port"])).toThrow(/--port needs a value/);
  });

  it("keeps the session secret out of a shared database: an external DATABASE_URL needs MERIDIAN_AUTH_SECRET", () => {
    const url = "postgres://meridian:pw@127.0.0.1:5432/meridian";
    expect(() => checkServerConfig(parseConfig({ DATABASE_URL: url }))).toThrow(/^MERIDIAN_AUTH_SECRET: required with an external DATABASE_URL/);
    expect(() => checkServerConfig(parseConfig({ DATABASE_URL: url, MERIDIAN_AUTH_SECRET: "s".repeat(32) }))).not.toThrow();
    expect(() => checkServerConfig(parseConfig({}))).not.toThrow(); // embedded: generated and kept in its database
  });

  it("reads MERIDIAN_AUTH_SECRET from a file given as @path, and names the variable when it cannot", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "meridian-env-"));
    const file = path.join(dir, "secret");
    writeFileSync(file, `${"k".repeat(40)}\n`);
    expect(parseConfig({ MERIDIAN_AUTH_SECRET: `@${file}` }).MERIDIAN_AUTH_SECRET).toBe("k".repeat(40));
    expect(() => parseConfig({ MERIDIAN_AUTH_SECRET: `@${dir}/missing` })).toThrow(/^MERIDIAN_AUTH_SECRET: cannot read the file .*missing \(ENOENT\)$/);
    writeFileSync(file, "short");
    expect(() => parseConfig({ MERIDIAN_AUTH_SECRET: `@${file}` })).toThrow(/^MERIDIAN_AUTH_SECRET: must be at least 32 characters$/);
    rmSync(dir, { recursive: true, force: true });
  });
});
