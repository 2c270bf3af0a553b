// Shared by the contract tests: where the simulator listens, the scenario's keys, and
// both clients configured as the documentation says (no retries, so errors surface).
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { OpenRouter } from "@openrouter/sdk";
import OpenAI from "openai";

const port = process.env.SIM_PORT;
if (!port) throw new Error("SIM_PORT is not set: start the tests with tests/contract/run");

export const baseURL = `http://127.0.0.1:${port}/api/v1`;
export const origin = `http://127.0.0.1:${port}`;

const scenario = JSON.parse(readFileSync(new URL("./scenario.json", import.meta.url), "utf8"));
const keysByName = Object.fromEntries(Object.entries(scenario.keys).map(([key, v]) => [v.name, key]));

/** The full key the scenario gives this name. */
export function key(name) {
  const value = keysByName[name];
  if (!value) throw new Error(`no key named ${name} in scenario.json`);
  return value;
}

/** A key the scenario does not know, shaped like a real one. */
export const unknownKey = "sk-or-v1-" + "5a17c0de".repeat(8);

export function openrouter(name = "main", extra = {}) {
  return new OpenRouter({ apiKey: name ? key(name) : "", serverURL: baseURL, retryConfig: { strategy: "none" }, ...extra });
}

export function openrouterWithKey(apiKey) {
  return new OpenRouter({ apiKey, serverURL: baseURL, retryConfig: { strategy: "none" } });
}

export function openai(name = "main") {
  return new OpenAI({ apiKey: key(name), baseURL, maxRetries: 0 });
}

export function openaiWithKey(apiKey) {
  return new OpenAI({ apiKey, baseURL, maxRetries: 0 });
}

/** A raw request: status, headers, text and parsed JSON (when it is JSON). */
export async function call(path, { method = "GET", keyName, apiKey, body, headers = {} } = {}) {
  const h = { ...headers };
  const bearer = apiKey ?? (keyName ? key(keyName) : undefined);
  if (bearer !== undefined) h.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) h["Content-Type"] = "application/json";
  const url = path.startsWith("/api/") || path.startsWith("/") ? origin + path : `${baseURL}/${path}`;
  const response = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json;
  if ((response.headers.get("content-type") || "").includes("application/json")) json = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, json };
}

/** Asserts that a zod schema accepts the value, with zod's own explanation when not. */
export function assertSchema(schema, value, what) {
  const result = schema.safeParse(value);
  assert.ok(result.success, `${what} does not match the SDK schema: ${result.success ? "" : JSON.stringify(result.error.issues, null, 1)}`);
  return result.data;
}

/** Runs `action`, which must throw; returns what it threw. */
export async function thrown(action) {
  try {
    await action();
  } catch (error) {
    return error;
  }
  assert.fail("expected an error, got a success");
}

export const chatBody = (model, extra = {}) => ({ model, messages: [{ role: "user", content: "ping" }], ...extra });
