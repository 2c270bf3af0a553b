// POST /chat/completions: the success body and every error OpenRouter gives before or
// instead of a generation, against the SDK's schemas, the SDK client and the openai client.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as models from "@openrouter/sdk/models";
import * as errors from "@openrouter/sdk/models/errors";
import OpenAI from "openai";
import { assertSchema, call, chatBody, key, openai, openaiWithKey, openrouter, thrown, unknownKey } from "./harness.mjs";

const chat = (keyName, body) => call("chat/completions", { method: "POST", keyName, body });

test("a chat completion matches ChatResult", async () => {
  const r = await chat("main", chatBody("openai/gpt-4o-mini", { max_tokens: 16 }));
  assert.equal(r.status, 200);
  const parsed = assertSchema(models.ChatResult$inboundSchema, r.json, "chat completion");
  assert.match(parsed.id, /^gen-/);
  assert.equal(parsed.model, "openai/gpt-4o-mini");
  assert.equal(parsed.object, "chat.completion");
  assert.equal(parsed.choices[0].message.content, "pong");
  assert.equal(r.json.provider, "OpenAI");
  assert.ok(r.json.usage.cost > 0);
  assert.equal(r.headers.get("x-ratelimit-limit"), null, "successes carry no X-RateLimit-* headers");
});

test("both clients parse a chat completion", async () => {
  const sdk = await openrouter("main").chat.send({ chatRequest: chatBody("openai/gpt-4o-mini", { maxTokens: 16 }) });
  assert.equal(sdk.choices[0].message.content, "pong");
  const completion = await openai("main").chat.completions.create(chatBody("anthropic/claude-sonnet-4.5", { max_tokens: 16 }));
  assert.equal(completion.choices[0].message.content, "pong");
  assert.equal(completion.model, "anthropic/claude-sonnet-4.5");
});

test("a routing variant and a :free model are served", async () => {
  const nitro = await chat("main", chatBody("openai/gpt-4o-mini:nitro"));
  assert.equal(nitro.status, 200);
  const free = await chat("main", chatBody("meta-llama/llama-3.3-70b-instruct:free"));
  assert.equal(free.status, 200);
  assert.equal(free.json.usage.cost, 0);
});

test("the openai client streams a chat completion (SSE, keep-alive comment, [DONE])", async () => {
  const stream = await openai("main").chat.completions.create({ ...chatBody("openai/gpt-4o-mini"), stream: true });
  let text = "";
  let usage;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? "";
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, "pong");
  assert.ok(usage.total_tokens > 0);
});

test("unknown model: 400 '<id> is not a valid model ID' with user_id", async () => {
  const r = await chat("main", chatBody("acme/fake-1.0"));
  assert.equal(r.status, 400);
  assertSchema(models.BadRequestResponseErrorData$inboundSchema, r.json.error, "400 error");
  assert.deepEqual(Object.keys(r.json.error), ["message", "code"]);
  assert.equal(r.json.error.message, "acme/fake-1.0 is not a valid model ID");
  assert.match(r.json.user_id, /^user_/);

  const sdkError = await thrown(() => openrouter("main").chat.send({ chatRequest: chatBody("acme/fake-1.0") }));
  assert.ok(sdkError instanceof errors.BadRequestResponseError, `got ${sdkError?.constructor?.name}`);
  assert.equal(sdkError.statusCode, 400);
  assert.equal(sdkError.error.code, 400);
  assert.match(sdkError.userId, /^user_/);

  const error = await thrown(() => openai("main").chat.completions.create(chatBody("acme/fake-1.0")));
  assert.ok(error instanceof OpenAI.BadRequestError);
  assert.equal(error.status, 400);
  assert.equal(error.code, 400);
  assert.equal(error.message, "400 acme/fake-1.0 is not a valid model ID");
});

test("prompt over the context window: 400 with OpenRouter's pre-flight text", async () => {
  const prompt = "word ".repeat(1200); // about 1500 tokens against a 1024-token model
  const r = await chat("main", { model: "acme/tiny-context-model", max_tokens: 10, messages: [{ role: "user", content: prompt }] });
  assert.equal(r.status, 400);
  assertSchema(models.BadRequestResponseErrorData$inboundSchema, r.json.error, "400 error");
  assert.match(
    r.json.error.message,
    /^This endpoint's maximum context length is 1024 tokens\. However, you requested about (\d+) tokens \((\d+) of text input, 10 in the output\)\. Please reduce the length of either one, or use the context-compression plugin to compress your prompt automatically\.$/,
  );
  assert.deepEqual(r.json.error.metadata, { provider_name: null });
  const error = await thrown(() => openai("main").chat.completions.create({ model: "acme/tiny-context-model", max_tokens: 10, messages: [{ role: "user", content: prompt }] }));
  assert.ok(error instanceof OpenAI.BadRequestError);
  assert.match(error.message, /maximum context length is 1024 tokens/);
});

test("a key at its spending cap: 402 pointing at the key settings", async () => {
  const r = await chat("capped", chatBody("openai/gpt-4o-mini", { max_tokens: 100 }));
  assert.equal(r.status, 402);
  assertSchema(models.PaymentRequiredResponseErrorData$inboundSchema, r.json.error, "402 error");
  assert.equal(
    r.json.error.message,
    "This request requires more credits, or fewer max_tokens. You requested up to 100 tokens, but can only afford 0. To increase, visit https://openrouter.ai/settings/keys and create a key with a higher monthly limit",
  );
  const sdkError = await thrown(() => openrouter("capped").chat.send({ chatRequest: chatBody("openai/gpt-4o-mini") }));
  assert.ok(sdkError instanceof errors.PaymentRequiredResponseError);
  assert.equal(sdkError.statusCode, 402);
});

test("too few credits for max_tokens: 402 with what can be afforded", async () => {
  const r = await chat("poor", chatBody("openai/gpt-4o", { max_tokens: 16384 }));
  assert.equal(r.status, 402);
  assert.equal(
    r.json.error.message,
    "This request requires more credits, or fewer max_tokens. You requested up to 16384 tokens, but can only afford 2000. To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account",
  );
  const error = await thrown(() => openai("poor").chat.completions.create(chatBody("openai/gpt-4o", { max_tokens: 16384 })));
  assert.equal(error.status, 402);
  assert.equal(error.code, 402);
});

test("a negative balance blocks even free models: 402", async () => {
  const r = await chat("negative", chatBody("meta-llama/llama-3.3-70b-instruct:free"));
  assert.equal(r.status, 402);
  assertSchema(models.PaymentRequiredResponseErrorData$inboundSchema, r.json.error, "402 error");
});

test(":free over the daily quota: 429 with X-RateLimit-* headers and no Retry-After", async () => {
  const r = await chat("free_exhausted", chatBody("meta-llama/llama-3.3-70b-instruct:free"));
  assert.equal(r.status, 429);
  assertSchema(models.TooManyRequestsResponseErrorData$inboundSchema, r.json.error, "429 error");
  assert.equal(r.json.error.message, "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day");
  assert.equal(r.headers.get("x-ratelimit-limit"), "50");
  assert.equal(r.headers.get("x-ratelimit-remaining"), "0");
  const reset = Number(r.headers.get("x-ratelimit-reset"));
  assert.ok(reset > Date.now() && reset <= Date.now() + 86400000 && reset % 86400000 === 0, "next UTC midnight, in ms");
  assert.equal(r.headers.get("retry-after"), null);
  assert.deepEqual(r.json.error.metadata.headers, { "X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(reset) });
  assert.equal(r.json.error.metadata.limit_source, "openrouter_free_tier_daily");

  const error = await thrown(() => openai("free_exhausted").chat.completions.create(chatBody("meta-llama/llama-3.3-70b-instruct:free")));
  assert.ok(error instanceof OpenAI.RateLimitError);
  assert.equal(error.headers.get("x-ratelimit-reset"), String(reset));
  const sdkError = await thrown(() => openrouter("free_exhausted").chat.send({ chatRequest: chatBody("meta-llama/llama-3.3-70b-instruct:free") }));
  assert.ok(sdkError instanceof errors.TooManyRequestsResponseError);
});

test(":free over the daily quota with credits bought: the high-balance text", async () => {
  const r = await chat("free_exhausted_high", chatBody("meta-llama/llama-3.3-70b-instruct:free"));
  assert.equal(r.status, 429);
  assert.equal(r.json.error.message, "Rate limit exceeded: free-models-per-day-high-balance. ");
  assert.equal(r.headers.get("x-ratelimit-limit"), "1000");
  const paid = await chat("free_exhausted_high", chatBody("meta-llama/llama-3.3-70b-instruct"));
  assert.equal(paid.status, 200, "paid variants have no daily cap");
});

test("a management key cannot run inference: 403", async () => {
  const r = await chat("management", chatBody("openai/gpt-4o-mini"));
  assert.equal(r.status, 403);
  assertSchema(models.ForbiddenResponseErrorData$inboundSchema, r.json.error, "403 error");
  const error = await thrown(() => openai("management").chat.completions.create(chatBody("openai/gpt-4o-mini")));
  assert.ok(error instanceof OpenAI.PermissionDeniedError);
});

test("a model the key's privacy settings exclude: 404 data policy", async () => {
  const r = await chat("main", chatBody("openai/gpt-4o"));
  assert.equal(r.status, 404);
  assertSchema(models.NotFoundResponseErrorData$inboundSchema, r.json.error, "404 error");
  assert.match(r.json.error.message, /^No endpoints found matching your data policy/);
  const error = await thrown(() => openai("main").chat.completions.create(chatBody("openai/gpt-4o")));
  assert.ok(error instanceof OpenAI.NotFoundError);
});

test("a model no provider serves: 404 No endpoints found", async () => {
  const r = await chat("main", chatBody("liquid/lfm-3b"));
  assert.equal(r.status, 404);
  assert.equal(r.json.error.message, "No endpoints found for liquid/lfm-3b.");
});

test("provider down: 502 Provider returned error", async () => {
  const r = await chat("main", chatBody("mistralai/mistral-large"));
  assert.equal(r.status, 502);
  assertSchema(models.BadGatewayResponseErrorData$inboundSchema, r.json.error, "502 error");
  assert.equal(r.json.error.message, "Provider returned error");
  assert.equal(r.json.error.metadata.provider_name, "Mistral");
  const sdkError = await thrown(() => openrouter("main").chat.send({ chatRequest: chatBody("mistralai/mistral-large") }));
  assert.ok(sdkError instanceof errors.BadGatewayResponseError);
  const error = await thrown(() => openai("main").chat.completions.create(chatBody("mistralai/mistral-large")));
  assert.ok(error instanceof OpenAI.InternalServerError);
  assert.equal(error.status, 502);
});

test("no provider available: 503 with Retry-After", async () => {
  const r = await chat("main", chatBody("qwen/qwen-max"));
  assert.equal(r.status, 503);
  assertSchema(models.ServiceUnavailableResponseErrorData$inboundSchema, r.json.error, "503 error");
  assert.equal(r.json.error.message, "Service temporarily unavailable");
  assert.equal(r.headers.get("retry-after"), "60");
  const sdkError = await thrown(() => openrouter("main").chat.send({ chatRequest: chatBody("qwen/qwen-max") }));
  assert.ok(sdkError instanceof errors.ServiceUnavailableResponseError);
});

test("all providers at capacity: 429 with Retry-After", async () => {
  const r = await chat("main", chatBody("qwen/qwen3-coder:free"));
  assert.equal(r.status, 429);
  assertSchema(models.TooManyRequestsResponseErrorData$inboundSchema, r.json.error, "429 error");
  assert.equal(r.json.error.message, "All providers for qwen/qwen3-coder:free are at capacity. Retry after 40 seconds.");
  assert.equal(r.headers.get("retry-after"), "40");
});

for (const [what, apiKey, message] of [
  ["no key", undefined, "No auth credentials found"],
  ["an unknown key", unknownKey, "User not found."],
]) {
  test(`chat with ${what}: 401 ${message}`, async () => {
    const r = await call("chat/completions", { method: "POST", apiKey, body: chatBody("openai/gpt-4o-mini") });
    assert.equal(r.status, 401);
    assert.equal(r.json.error.message, message);
  });
}

test("the openai client with a revoked key gets AuthenticationError", async () => {
  const error = await thrown(() => openaiWithKey(key("revoked")).chat.completions.create(chatBody("openai/gpt-4o-mini")));
  assert.ok(error instanceof OpenAI.AuthenticationError);
  assert.equal(error.message, "401 User not found.");
  assert.equal(error.code, 401);
});

test("a body that is not JSON: 400", async () => {
  const r = await fetch((await import("./harness.mjs")).baseURL + "/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${key("main")}`, "Content-Type": "application/json" },
    body: "{not json",
  });
  assert.equal(r.status, 400);
  assertSchema(models.BadRequestResponseErrorData$inboundSchema, (await r.json()).error, "400 error");
});

test("GET on an inference route: 405 JSON", async () => {
  const r = await call("chat/completions", { keyName: "main" });
  assert.equal(r.status, 405);
  assert.equal(r.json.error.code, 405);
});
