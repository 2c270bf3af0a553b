// GET /generation?id=: the record of a generation the simulator ran, against the SDK's
// schema and client; another account's or an unknown id is OpenRouter's 404, no key a 401.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as models from "@openrouter/sdk/models";
import { assertSchema, call, chatBody, openrouter } from "./harness.mjs";

async function generationOf(keyName) {
  const r = await call("chat/completions", { method: "POST", keyName, body: chatBody("openai/gpt-4o-mini", { max_tokens: 16 }) });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("x-generation-id"), r.json.id);
  return r.json.id;
}

test("a generation's record matches GenerationResponse", async () => {
  const id = await generationOf("main");
  const r = await call(`generation?id=${encodeURIComponent(id)}`, { keyName: "main" });
  assert.equal(r.status, 200);
  const parsed = assertSchema(models.GenerationResponse$inboundSchema, r.json, "/generation");
  assert.equal(parsed.data.id, id);
  assert.equal(parsed.data.model, "openai/gpt-4o-mini");
  assert.equal(parsed.data.providerName, "OpenAI");
  assert.equal(parsed.data.finishReason, "stop");
  assert.ok(parsed.data.totalCost > 0);
  assert.ok(parsed.data.tokensPrompt > 0);
});

test("the SDK reads a generation", async () => {
  const id = await generationOf("main");
  const result = await openrouter("main").generations.getGeneration({ id });
  assert.equal(result.data.id, id);
});

test("another account's generation, or an unknown id, is a 404; no key is a 401", async () => {
  const id = await generationOf("main");
  const other = await call(`generation?id=${id}`, { keyName: "capped" });
  assert.equal(other.status, 404);
  assert.equal(other.json.error.code, 404);
  const unknown = await call("generation?id=gen-0000000000-AAAAAAAAAAAAAAAAAAAA", { keyName: "main" });
  assert.equal(unknown.status, 404);
  const anonymous = await call(`generation?id=${id}`);
  assert.equal(anonymous.status, 401);
});
