// The simulated status pages, reached by Host header on the same port: Statuspage v2
// shapes (§7.4), incident.io's summary without incidents, the Anthropic redirect and
// OpenRouter's OnlineOrNot page.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";

const port = Number(process.env.SIM_PORT);

function get(host, path) {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, headers: { Host: host } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, text }));
    });
    request.on("error", reject);
  });
}

const json = async (host, path) => {
  const r = await get(host, path);
  assert.equal(r.status, 200, `${host}${path}`);
  assert.match(r.headers["content-type"], /application\/json/);
  return JSON.parse(r.text);
};

const componentStatuses = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];

function assertPage(page, host) {
  for (const field of ["id", "name", "url", "time_zone", "updated_at"]) assert.equal(typeof page[field], "string", field);
  assert.equal(page.url, `https://${host}`);
}

function assertComponent(c) {
  for (const field of ["id", "name", "status", "created_at", "updated_at", "page_id"]) assert.equal(typeof c[field], "string", field);
  assert.ok(componentStatuses.includes(c.status), c.status);
  assert.equal(typeof c.group, "boolean");
  assert.equal(typeof c.only_show_if_degraded, "boolean");
}

test("status.openai.com: status.json and a summary without incidents", async () => {
  const status = await json("status.openai.com", "/api/v2/status.json");
  assertPage(status.page, "status.openai.com");
  assert.deepEqual(status.status, { indicator: "none", description: "All Systems Operational" });
  const summary = await json("status.openai.com", "/api/v2/summary.json");
  assert.ok(!("incidents" in summary), "incident.io's compatibility summary has no incidents key");
  assert.ok(summary.components.length > 0);
  summary.components.forEach(assertComponent);
  assert.deepEqual(summary.scheduled_maintenances, []);
});

test("status.claude.com: the scenario's indicator and incident", async () => {
  const summary = await json("status.claude.com", "/api/v2/summary.json");
  assertPage(summary.page, "status.claude.com");
  assert.deepEqual(summary.status, { indicator: "minor", description: "Partially Degraded Service" });
  summary.components.forEach(assertComponent);
  assert.equal(summary.incidents.length, 1);
  const [incident] = summary.incidents;
  assert.equal(incident.name, "Elevated errors on Claude API");
  assert.equal(incident.status, "investigating");
  assert.equal(incident.impact, "minor");
  assert.equal(incident.resolved_at, null);
  assert.equal(incident.incident_updates[0].body, "We are investigating elevated error rates.");
  assert.equal(incident.components[0].name, "claude.ai");
  const unresolved = await json("status.claude.com", "/api/v2/incidents/unresolved.json");
  assert.equal(unresolved.incidents.length, 1);
  const components = await json("status.claude.com", "/api/v2/components.json");
  assert.equal(components.components.length, summary.components.length);
});

test("status.anthropic.com redirects to status.claude.com, same path", async () => {
  const r = await get("status.anthropic.com", "/api/v2/status.json?x=1");
  assert.equal(r.status, 302);
  assert.equal(r.headers.location, "https://status.claude.com/api/v2/status.json?x=1");
});

test("status.openrouter.ai: no JSON API, an HTML shell and an RSS feed", async () => {
  assert.equal((await get("status.openrouter.ai", "/api/v2/status.json")).status, 403);
  assert.equal((await get("status.openrouter.ai", "/api/v2/incidents.json")).status, 403);
  const home = await get("status.openrouter.ai", "/");
  assert.equal(home.status, 200);
  assert.match(home.headers["content-type"], /text\/html/);
  const rss = await get("status.openrouter.ai", "/incidents.rss");
  assert.equal(rss.status, 200);
  assert.match(rss.text, /^<\?xml[^>]*\?><rss version="2.0">/);
});

test("an unknown path on a status page is 404, an unknown host 421", async () => {
  assert.equal((await get("status.claude.com", "/nope")).status, 404);
  assert.equal((await get("status.example.org", "/api/v2/status.json")).status, 421);
});
