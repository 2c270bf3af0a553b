// POST /responses: an OpenAI Response object (NeMo Gym validates it with OpenAI's types),
// streaming, and the stateless rule (store / previous_response_id -> 400).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as models from "@openrouter/sdk/models";
import * as errors from "@openrouter/sdk/models/errors";
import OpenAI from "openai";
import { assertSchema, call, openai, openrouter, thrown, unknownKey } from "./harness.mjs";

const respond = (keyName, body) => call("responses", { method: "POST", keyName, body });

test("a response matches OpenResponsesResult", async () => {
  const r = await respond("main", { model: "openai/gpt-4o-mini", input: "Tell me a joke" });
  assert.equal(r.status, 200);
  const parsed = assertSchema(models.OpenResponsesResult$inboundSchema, r.json, "response");
  assert.equal(parsed.object, "response");
  assert.equal(parsed.status, "completed");
  assert.equal(r.json.output[0].content[0].text, "pong");
  assert.ok(r.json.usage.input_tokens > 0);
});

test("both clients parse a response", async () => {
  const created = await openai("main").responses.create({ model: "openai/gpt-4o-mini", input: "Tell me a joke" });
  assert.equal(created.output_text, "pong");
  const sent = await openrouter("main").beta.responses.send({ responsesRequest: { model: "openai/gpt-4o-mini", input: "hi" } });
  assert.equal(sent.status, "completed");
});

test("max_output_tokens below the answer: status incomplete", async () => {
  const r = await respond("main", { model: "openai/gpt-4o-mini", input: "hi", max_output_tokens: 0 });
  assert.equal(r.status, 200);
  assertSchema(models.OpenResponsesResult$inboundSchema, r.json, "incomplete response");
  assert.equal(r.json.status, "incomplete");
});

test("the openai client streams a response", async () => {
  const stream = await openai("main").responses.create({ model: "openai/gpt-4o-mini", input: "hi", stream: true });
  const types = [];
  let text = "";
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === "response.output_text.delta") text += event.delta;
  }
  assert.equal(text, "pong");
  assert.equal(types[0], "response.created");
  assert.equal(types.at(-1), "response.completed");
});

for (const [what, extra] of [
  ["store: true", { store: true }],
  ["previous_response_id", { previous_response_id: "resp_abc123" }],
]) {
  test(`${what} is refused: the Responses API is stateless`, async () => {
    const r = await respond("main", { model: "openai/gpt-4o-mini", input: "hi", ...extra });
    assert.equal(r.status, 400);
    assertSchema(models.BadRequestResponseErrorData$inboundSchema, r.json.error, "400 error");
    const error = await thrown(() => openai("main").responses.create({ model: "openai/gpt-4o-mini", input: "hi", ...extra }));
    assert.ok(error instanceof OpenAI.BadRequestError);
  });
}

test("store: false and a null previous_response_id are fine", async () => {
  const r = await respond("main", { model: "openai/gpt-4o-mini", input: "hi", store: false, previous_response_id: null });
  assert.equal(r.status, 200);
});

test("unknown model on /responses: 400 not a valid model ID", async () => {
  const r = await respond("main", { model: "acme/fake-1.0", input: "hi" });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.message, "acme/fake-1.0 is not a valid model ID");
  const sdkError = await thrown(() => openrouter("main").beta.responses.send({ responsesRequest: { model: "acme/fake-1.0", input: "hi" } }));
  assert.ok(sdkError instanceof errors.BadRequestResponseError);
});

test("/responses with an unknown key: 401", async () => {
  const r = await call("responses", { method: "POST", apiKey: unknownKey, body: { model: "openai/gpt-4o-mini", input: "hi" } });
  assert.equal(r.status, 401);
  assert.equal(r.json.error.message, "User not found.");
});
