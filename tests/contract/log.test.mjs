// The request log (--log): one JSON line per request, keys named, never written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { call, unknownKey } from "./harness.mjs";

const scenarioKeys = Object.keys(JSON.parse(readFileSync(new URL("./scenario.json", import.meta.url), "utf8")).keys);

test("the log names keys and never holds one", async () => {
  assert.ok(process.env.SIM_LOG, "SIM_LOG is set by tests/contract/run");
  await call("key", { keyName: "reader" });
  await call("key", { apiKey: unknownKey });
  await call("models/count");
  const text = readFileSync(process.env.SIM_LOG, "utf8");
  for (const secret of [...scenarioKeys, unknownKey]) assert.ok(!text.includes(secret), "a key reached the log");
  const lines = text.trim().split("\n").map((line) => JSON.parse(line));
  for (const line of lines)
    for (const field of ["time", "scheme", "host", "method", "path", "auth", "status"]) assert.ok(field in line, field);
  const last = lines.slice(-3);
  assert.deepEqual(last.map((l) => [l.path, l.auth, l.status]), [
    ["/api/v1/key", "reader", 200],
    ["/api/v1/key", "unknown", 401],
    ["/api/v1/models/count", "none", 200],
  ]);
});
