// The catalog routes (/models and friends, /providers) and the site's HTML 404,
// against the SDK's schemas and both clients.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as operations from "@openrouter/sdk/models/operations";
import * as models from "@openrouter/sdk/models";
import * as errors from "@openrouter/sdk/models/errors";
import { assertSchema, call, openai, openrouter, thrown, unknownKey } from "./harness.mjs";

const day = 86400 * 1000;

test("GET /models without a key matches ModelsListResponse and GetModelsResponse", async () => {
  const r = await call("models");
  assert.equal(r.status, 200);
  const parsed = assertSchema(models.ModelsListResponse$inboundSchema, r.json, "/models");
  // The operation schema wraps the body the way the SDK does ({Result: body}).
  assertSchema(operations.GetModelsResponse$inboundSchema, { Result: r.json }, "/models (operation)");
  assert.ok(parsed.data.length >= 300, `only ${parsed.data.length} models`);
  assert.equal(parsed.totalCount, parsed.data.length);
  assert.equal(r.json.links.next, null);
  for (const model of r.json.data) assertSchema(models.Model$inboundSchema, model, model.id);
});

test("the catalog looks like OpenRouter's: families, :free variants, string prices, deprecations", async () => {
  const { json } = await call("models");
  const ids = json.data.map((m) => m.id);
  for (const family of ["openai/", "anthropic/", "google/", "meta-llama/", "mistralai/", "qwen/", "deepseek/", "x-ai/"])
    assert.ok(ids.some((id) => id.startsWith(family)), `no ${family} model`);
  assert.ok(ids.filter((id) => id.endsWith(":free")).length >= 20);
  assert.equal(new Set(ids).size, ids.length, "ids are unique");
  for (const m of json.data) {
    assert.equal(typeof m.pricing.prompt, "string");
    assert.equal(typeof m.pricing.completion, "string");
    assert.equal(m.links.details, `/api/v1/models/${m.id}/endpoints`);
  }
  const now = Date.now();
  const dates = json.data.filter((m) => m.expiration_date).map((m) => Date.parse(m.expiration_date + "T00:00:00Z"));
  assert.ok(dates.some((d) => d < now), "some model has expired");
  assert.ok(dates.some((d) => d > now && d - now <= 30 * day), "some model expires within 30 days");
  assert.ok(ids.includes("acme/tiny-context-model"), "scenario additions are listed");
});

test("GET /models with any key, even an unknown one, is public", async () => {
  const r = await call("models", { apiKey: unknownKey });
  assert.equal(r.status, 200);
});

test("GET /models pages with offset and limit", async () => {
  const all = (await call("models")).json;
  const first = await call("models?offset=0&limit=100");
  const parsed = assertSchema(models.ModelsListResponse$inboundSchema, first.json, "page 1");
  assert.equal(parsed.data.length, 100);
  assert.equal(parsed.totalCount, all.total_count);
  assert.equal(first.json.links.next, "/api/v1/models?offset=100&limit=100");
  const last = await call(`models?offset=${all.total_count - 5}&limit=100`);
  assert.equal(last.json.data.length, 5);
  assert.equal(last.json.links.next, null);
  assert.deepEqual(last.json.data.map((m) => m.id), all.data.slice(-5).map((m) => m.id));
});

test("the SDK and the openai client list the models", async () => {
  const page = await openrouter("main").models.list();
  assert.ok(page.result.data.length >= 300);
  const listed = await openai("main").models.list();
  assert.ok(listed.data.some((m) => m.id === "openai/gpt-4o-mini"));
});

test("GET /models/count", async () => {
  const r = await call("models/count");
  const parsed = assertSchema(models.ModelsCountResponse$inboundSchema, r.json, "/models/count");
  assert.equal(parsed.data.count, (await call("models")).json.total_count);
  const counted = await openrouter("main").models.count();
  assert.equal(counted.data.count, parsed.data.count);
});

test("GET /models/user hides the models the key's settings exclude", async () => {
  const r = await call("models/user", { keyName: "main" });
  assert.equal(r.status, 200);
  const parsed = assertSchema(models.ModelsListResponse$inboundSchema, r.json, "/models/user");
  const ids = parsed.data.map((m) => m.id);
  assert.ok(!ids.includes("openai/gpt-4o"));
  assert.ok(ids.includes("openai/gpt-4o-mini"));
  assert.equal(parsed.totalCount, (await call("models")).json.total_count - 1);
  const listed = await openrouter("main").models.listForUser({ bearer: (await import("./harness.mjs")).key("main") });
  assert.ok(!listed.result.data.some((m) => m.id === "openai/gpt-4o"));
});

test("GET /models/user needs a key", async () => {
  const none = await call("models/user");
  assert.equal(none.status, 401);
  assert.equal(none.json.error.message, "No auth credentials found");
  const unknown = await call("models/user", { apiKey: unknownKey });
  assert.equal(unknown.json.error.message, "User not found.");
});

test("GET /model/{author}/{slug} matches ModelResponse and resolves variants", async () => {
  const r = await call("model/openai/gpt-4o-mini");
  const parsed = assertSchema(models.ModelResponse$inboundSchema, r.json, "/model");
  assert.equal(parsed.data.id, "openai/gpt-4o-mini");
  const nitro = await call("model/openai/gpt-4o-mini:nitro");
  assert.equal(nitro.status, 200);
  assert.equal(nitro.json.data.id, "openai/gpt-4o-mini");
  const free = await call("model/meta-llama/llama-3.3-70b-instruct:free");
  assert.equal(free.json.data.id, "meta-llama/llama-3.3-70b-instruct:free");
  const got = await openrouter("main").models.get({ author: "openai", slug: "gpt-4o-mini" });
  assert.equal(got.data.id, "openai/gpt-4o-mini");
});

test("GET /model of an unknown model: 404 Resource not found", async () => {
  const r = await call("model/acme/fake-1.0");
  assert.equal(r.status, 404);
  assertSchema(models.NotFoundResponseErrorData$inboundSchema, r.json.error, "404 error");
  assert.deepEqual(r.json, { error: { code: 404, message: "Resource not found" } });
  const error = await thrown(() => openrouter("main").models.get({ author: "acme", slug: "fake-1.0" }));
  assert.ok(error instanceof errors.NotFoundResponseError);
  assert.equal(error.statusCode, 404);
  const free = await call("model/openai/gpt-4o:free");
  assert.equal(free.status, 404, ":free is a model of its own, not a routing variant");
});

test("GET /models/{author}/{slug}/endpoints matches ListEndpointsResponse", async () => {
  const r = await call("models/openai/gpt-4o-mini/endpoints", { keyName: "main" });
  assert.equal(r.status, 200);
  const parsed = assertSchema(operations.ListEndpointsResponse$inboundSchema, r.json, "/endpoints");
  assert.equal(parsed.data.id, "openai/gpt-4o-mini");
  const [healthy, degraded] = r.json.data.endpoints;
  for (const e of r.json.data.endpoints) assertSchema(models.PublicEndpoint$inboundSchema, e, e.name);
  assert.equal(healthy.tag, "openai");
  assert.equal(healthy.status, 0);
  assert.equal(degraded.tag, "azure");
  assert.equal(degraded.status, -2);
  assert.equal(degraded.uptime_last_30m, 71.4);
  assert.equal(degraded.uptime_last_5m, null);
  assert.notEqual(healthy.throughput_last_30m, null, "throughput is shown to authenticated callers");
  const listed = await openrouter("main").endpoints.list({ author: "openai", slug: "gpt-4o-mini" });
  assert.equal(listed.data.endpoints.length, 2);
});

test("endpoints: throughput is hidden without a key; empty list for an unserved model", async () => {
  const anonymous = await call("models/openai/gpt-4o-mini/endpoints");
  assert.equal(anonymous.json.data.endpoints[0].throughput_last_30m, null);
  const none = await call("models/liquid/lfm-3b/endpoints");
  assertSchema(operations.ListEndpointsResponse$inboundSchema, none.json, "no endpoints");
  assert.deepEqual(none.json.data.endpoints, []);
  const free = await call("models/meta-llama/llama-3.3-70b-instruct:free/endpoints");
  assert.equal(free.status, 200);
});

test("endpoints of an unknown model: 404 Resource not found", async () => {
  const r = await call("models/acme/fake-1.0/endpoints");
  assert.equal(r.status, 404);
  assert.deepEqual(r.json, { error: { code: 404, message: "Resource not found" } });
  const error = await thrown(() => openrouter("main").endpoints.list({ author: "acme", slug: "fake-1.0" }));
  assert.ok(error instanceof errors.NotFoundResponseError);
});

test("GET /providers matches ListProvidersResponse and names status pages", async () => {
  const r = await call("providers");
  const parsed = assertSchema(operations.ListProvidersResponse$inboundSchema, r.json, "/providers");
  const openaiProvider = parsed.data.find((p) => p.slug === "openai");
  assert.equal(openaiProvider.statusPageUrl, "https://status.openai.com");
  const listed = await openrouter("main").providers.list();
  assert.ok(listed.data.length >= 10);
});

for (const path of ["/api/models", "/v1/models", "/api/v1/anthropic/v1/messages", "/api/v1/nope", "/"]) {
  test(`${path} is the site's HTML 404, not JSON`, async () => {
    const r = await call(path, { keyName: "main" });
    assert.equal(r.status, 404);
    assert.match(r.headers.get("content-type"), /text\/html/);
    assert.ok(r.text.startsWith("<!DOCTYPE html>"));
  });
}

test("the openai client pointed at a wrong base URL gets NotFoundError", async () => {
  const OpenAI = (await import("openai")).default;
  const { key, origin } = await import("./harness.mjs");
  const client = new OpenAI({ apiKey: key("main"), baseURL: `${origin}/api`, maxRetries: 0 });
  const error = await thrown(() => client.models.list());
  assert.ok(error instanceof OpenAI.NotFoundError);
  assert.equal(error.status, 404);
});
