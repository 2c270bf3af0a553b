// GET /key, /auth/key and /credits, and every 401 body, against the SDK's schemas and clients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as operations from "@openrouter/sdk/models/operations";
import * as models from "@openrouter/sdk/models";
import * as errors from "@openrouter/sdk/models/errors";
import { assertSchema, call, key, openrouter, openrouterWithKey, thrown, unknownKey } from "./harness.mjs";

for (const path of ["key", "auth/key"]) {
  test(`GET /${path} with a valid key matches GetCurrentKeyResponse`, async () => {
    const r = await call(path, { keyName: "reader" });
    assert.equal(r.status, 200);
    const parsed = assertSchema(operations.GetCurrentKeyResponse$inboundSchema, r.json, `/${path}`);
    assert.equal(parsed.data.label, key("reader").slice(0, 12) + "..." + key("reader").slice(-3));
    assert.equal(parsed.data.limit, 100);
    assert.equal(parsed.data.limitReset, "monthly");
    assert.equal(parsed.data.isManagementKey, false);
    assert.deepEqual(parsed.data.freeModelDailyRequests, { limit: 1000, remaining: 998, used: 2 });
    assert.ok(!r.text.includes(key("reader")), "the body must not echo the key");
  });
}

test("the SDK reads the current key", async () => {
  const result = await openrouter("reader").apiKeys.getCurrentKeyMetadata();
  assert.equal(result.data.isProvisioningKey, false);
  assert.equal(result.data.limitRemaining, 74.5);
});

test("a management key says so, with the deprecated alias", async () => {
  const result = await openrouter("management").apiKeys.getCurrentKeyMetadata();
  assert.equal(result.data.isManagementKey, true);
  assert.equal(result.data.isProvisioningKey, true);
});

test("a key that expires later shows expires_at", async () => {
  const result = await openrouter("expiring").apiKeys.getCurrentKeyMetadata();
  assert.equal(result.data.expiresAt?.toISOString?.() ?? result.data.expiresAt, "2099-12-31T23:59:59.000Z");
});

const unauthorized = [
  { what: "no Authorization header", options: {}, message: "No auth credentials found" },
  { what: "an empty bearer", options: { apiKey: "" }, message: "No auth credentials found" },
  { what: "an unknown key", options: { apiKey: unknownKey }, message: "User not found." },
  { what: "a revoked key", options: { keyName: "revoked" }, message: "User not found." },
  { what: "an expired key", options: { keyName: "expired" }, message: "User not found." },
];

for (const { what, options, message } of unauthorized) {
  test(`GET /key with ${what}: 401 "${message}"`, async () => {
    const r = await call("key", options);
    assert.equal(r.status, 401);
    assert.match(r.headers.get("content-type"), /application\/json/);
    assertSchema(models.UnauthorizedResponseErrorData$inboundSchema, r.json.error, "401 error");
    assert.deepEqual(Object.keys(r.json.error), ["message", "code"], "message comes before code, as in real bodies");
    assert.equal(r.json.error.message, message);
    assert.equal(r.json.error.code, 401);
    assert.equal(r.json.user_id, undefined, "401 bodies carry no user_id");
  });
}

for (const name of ["revoked", "expired"]) {
  test(`the SDK raises UnauthorizedResponseError for a ${name} key`, async () => {
    const error = await thrown(() => openrouter(name).apiKeys.getCurrentKeyMetadata());
    assert.ok(error instanceof errors.UnauthorizedResponseError, `got ${error?.constructor?.name}: ${error}`);
    assert.equal(error.statusCode, 401);
    assert.equal(error.error.message, "User not found.");
    assert.equal(error.error.code, 401);
  });
}

test("the SDK raises UnauthorizedResponseError for an unknown key", async () => {
  const error = await thrown(() => openrouterWithKey(unknownKey).apiKeys.getCurrentKeyMetadata());
  assert.ok(error instanceof errors.UnauthorizedResponseError);
  assert.equal(error.message, "User not found.");
});

test("GET /credits with an inference key: 403, exact OAS text", async () => {
  const r = await call("credits", { keyName: "main" });
  assert.equal(r.status, 403);
  assertSchema(models.ForbiddenResponseErrorData$inboundSchema, r.json.error, "403 error");
  assert.deepEqual(r.json, { error: { code: 403, message: "Only management keys can perform this operation" } });
  const error = await thrown(() => openrouter("main").credits.getCredits());
  assert.ok(error instanceof errors.ForbiddenResponseError);
  assert.equal(error.statusCode, 403);
  assert.equal(error.error.message, "Only management keys can perform this operation");
});

test("GET /credits with a management key matches GetCreditsResponse", async () => {
  const r = await call("credits", { keyName: "management" });
  assert.equal(r.status, 200);
  const parsed = assertSchema(operations.GetCreditsResponse$inboundSchema, r.json, "/credits");
  assert.deepEqual(parsed.data, { totalCredits: 100.5, totalUsage: 25.75 });
  const result = await openrouter("management").credits.getCredits();
  assert.equal(result.data.totalCredits, 100.5);
});

test("GET /credits without a key: 401", async () => {
  const r = await call("credits");
  assert.equal(r.status, 401);
  assert.equal(r.json.error.message, "No auth credentials found");
});
