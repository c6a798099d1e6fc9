import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { seal, unseal } from "@/lib/secrets/seal";

/** Without FAULTLINE_SECRET_KEY the key lives in the data dir: made once (0600), then reused. */
describe("the key file", () => {
  const saved = { key: process.env.FAULTLINE_SECRET_KEY, dir: process.env.FAULTLINE_DATA_DIR };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "faultline-key-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    for (const [k, v] of [
      ["FAULTLINE_SECRET_KEY", saved.key],
      ["FAULTLINE_DATA_DIR", saved.dir],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("is created with mode 0600, holds 32 bytes, and opens what it sealed", () => {
    delete process.env.FAULTLINE_SECRET_KEY;
    process.env.FAULTLINE_DATA_DIR = dir;
    const sealed = seal("s3cret");
    const file = path.join(dir, "secret.key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(unseal(sealed)).toBe("s3cret");
    expect(fs.readdirSync(dir)).toEqual(["secret.key"]);
  });
});
