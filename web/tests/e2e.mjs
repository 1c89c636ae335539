// The web map end to end in headless Chromium, against a running `sitrep serve` over a database
// of the shared Wikipedia campaign articles and the example article.
//
//   node web/tests/e2e.mjs http://127.0.0.1:PORT OUT_DIR
//
// Screenshots go to OUT_DIR. Exits non-zero, naming the step, when anything fails. Run by
// crates/sitrep-cli/tests/web.rs, which builds the database and starts the server.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error("usage: node web/tests/e2e.mjs BASE_URL OUT_DIR");
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const problems = [];
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
page.on("console", (m) => {
  if (m.type() === "error") problems.push(`console error: ${m.text()} (${m.location().url})`);
});
page.on("requestfailed", (r) => {
  // A navigation cancels the previous page's requests still under way.
  if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
});

async function api(path) {
  const response = await page.request.get(`${base}${path}`);
  assert.equal(response.status(), 200, `${path}: ${response.status()}`);
  return response.json();
}

async function step(name, body) {
  try {
    await body();
    console.log(`ok: ${name}`);
  } catch (e) {
    await page.screenshot({ path: join(out, "failure.png"), fullPage: true }).catch(() => {});
    console.error(`FAILED: ${name}\n${e.stack || e}`);
    await browser.close();
    process.exit(1);
  }
}

/** The listed events: id, dates and actors, as the page shows them. */
const listed = () => page.$$eval("#event-list li", (items) => items.map((li) => ({
  id: Number(li.dataset.id), start: li.dataset.start, end: li.dataset.end, actors: li.dataset.actors,
})));

async function waitForWindow(window) {
  await page.waitForSelector(`body[data-window="${window}"]:not([data-loading])`, { timeout: 15000 });
}

const DEIR_EZ_ZOR = "geonames:170794";
const september = "2017-09-01/2017-09-30";

await step("the page loads, with the borders and the events of September 2017", async () => {
  await page.goto(`${base}/?at=2017-09-30&window=30&map=35.0,39.6,7`);
  await page.waitForSelector("body[data-ready]", { timeout: 20000 });
  await waitForWindow(september);
  assert.ok(await page.locator("path.country").count() > 150, "Natural Earth's countries drawn");
  const markers = await page.locator("path.event-marker").count();
  assert.ok(markers > 5, `markers on the map: ${markers}`);
  assert.equal(await page.locator(`path.event-marker[data-place="${DEIR_EZ_ZOR}"]`).count(), 1,
    "Deir ez-Zor has its marker in September 2017");
  const items = await listed();
  const api30 = await api("/api/events?since=2017-09-01&until=2017-09-30&limit=5000");
  assert.equal(items.length, Math.min(api30.count, 400), "the list holds the API's events");
  for (const e of items) {
    assert.ok(e.start <= "2017-09-30" && e.end >= "2017-09-01", `event ${e.id} (${e.start}…${e.end}) outside the window`);
  }
  await page.screenshot({ path: join(out, "01-september-2017.png") });
});

let septemberMarkers;
await step("the time slider filters the events to its window", async () => {
  septemberMarkers = await page.$$eval("path.event-marker", (ps) => ps.map((p) => p.dataset.place).sort());
  await page.$eval("#slider", (slider) => {
    slider.value = String(Date.parse("2016-06-30T00:00:00Z") / 86400000);
    slider.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await waitForWindow("2016-06-01/2016-06-30");
  assert.equal(await page.textContent("#window-label"), "2016-06-01 – 2016-06-30");
  const items = await listed();
  assert.ok(items.length > 0, "events in June 2016");
  for (const e of items) {
    assert.ok(e.start <= "2016-06-30" && e.end >= "2016-06-01", `event ${e.id} (${e.start}…${e.end}) outside June 2016`);
  }
  const juneMarkers = await page.$$eval("path.event-marker", (ps) => ps.map((p) => p.dataset.place).sort());
  assert.notDeepEqual(juneMarkers, septemberMarkers, "other places in another month");
  assert.match(page.url(), /at=2016-06-30/, "the view is in the URL");
  await page.screenshot({ path: join(out, "02-june-2016.png") });
});

await step("the actor and type filters show what the API answers", async () => {
  await page.selectOption("#actor", "sdf");
  await page.selectOption("#type", "ASSAULT");
  await waitForWindow("2016-06-01/2016-06-30");
  await page.waitForFunction(() => location.search.includes("type=ASSAULT"));
  await page.waitForSelector("body:not([data-loading])");
  const items = await listed();
  const expected = await api("/api/events?since=2016-06-01&until=2016-06-30&actor=sdf&type=ASSAULT&limit=5000");
  assert.ok(expected.count > 0, "the SDF fought in June 2016");
  assert.deepEqual(items.map((e) => e.id), expected.events.slice(0, 400).map((e) => e.id));
  for (const li of await page.$$eval("#event-list li", (l) => l.map((x) => x.dataset.type))) {
    assert.equal(li, "ASSAULT");
  }
  await page.selectOption("#actor", "");
  await page.selectOption("#type", "");
});

await step("a click on an event opens its evidence, and the document with it highlighted", async () => {
  await page.goto(`${base}/?at=2017-09-30&window=30&map=35.2,40.0,8`);
  await waitForWindow(september);
  const first = page.locator("#event-list li").first();
  const id = Number(await first.getAttribute("data-id"));
  const event = await api(`/api/events/${id}`);
  await first.locator("button.summary").click();
  const quote = first.locator(".detail blockquote");
  await quote.waitFor();
  assert.equal((await quote.textContent()).trim(), event.evidence.text.trim());
  await first.locator("a.document-link").first().click();
  await page.waitForSelector("#document:not([hidden]) mark.evidence");
  const highlighted = await page.$$eval("#document-text mark.evidence", (ms) => ms.map((m) => m.textContent).join(""));
  assert.equal(highlighted, event.report_list[0].event.evidence.text, "the evidence is highlighted in the document");
  assert.ok(await page.locator("#document-text mark.mention-place").count() > 0, "places marked");
  assert.ok(await page.locator("#document-text mark.mention-actor").count() > 0, "actors marked");
  await page.screenshot({ path: join(out, "03-document.png") });
  await page.click("#document-close");
  assert.ok(await page.locator("#document").isHidden());
});

await step("a click on a marker shows the events there with their evidence", async () => {
  const marker = page.locator(`path.event-marker[data-place="${DEIR_EZ_ZOR}"]`);
  await marker.click({ force: true });
  const popup = page.locator(".leaflet-popup-content");
  await popup.waitFor();
  assert.match(await popup.locator("h3").textContent(), /^\S.*: \d+ events?$/);
  assert.ok(await popup.locator("blockquote.evidence-text").count() > 0);
  await page.screenshot({ path: join(out, "04-deir-ez-zor-popup.png") });
});

await step("the race chart shows the race for Deir ez-Zor with the API's numbers", async () => {
  const params = "objective=Deir%20ez-Zor&since=2017-05-01&until=2017-12-31";
  await page.goto(`${base}/?tab=race&${params}&at=2017-09-30&window=30&map=35.3,40.1,8`);
  await page.waitForSelector("#race-chart[data-lines]");
  await waitForWindow(september);
  const race = await api(`/api/race?${params}&radius=10`);
  const lines = race.lines.filter((l) => l.positions.length > 0);
  assert.equal(Number(await page.getAttribute("#race-chart", "data-lines")), lines.length);
  for (const line of lines) {
    const row = page.locator(`#race-table tr[data-actor="${line.actor}"]`);
    const dates = await row.locator("td[data-date]").evaluateAll((tds) => tds.map((td) => td.dataset.date));
    assert.deepEqual(dates, [line.first_within?.date ?? "", line.confirmed_within?.date ?? ""], line.actor);
    assert.equal(await page.locator(`#race-chart g.race-line[data-actor="${line.actor}"] circle:not(.reached)`).count(),
      line.positions.length, `${line.actor}: one point per reported position`);
  }
  const confirmed = Object.fromEntries(lines.map((l) => [l.actor, l.confirmed_within?.date]));
  assert.ok(confirmed.syria && confirmed.sdf && confirmed.syria < confirmed.sdf,
    `the government before the SDF: ${JSON.stringify(confirmed)}`);
  assert.ok(!confirmed.fsa, "the FSA never reaches it");
  await page.screenshot({ path: join(out, "05-race-deir-ez-zor.png") });
});

await step("the relations view lists pairs and their evidence", async () => {
  await page.click('#tabs button[data-tab="relations"]');
  await page.waitForSelector("#relations-table tbody tr");
  const pairs = await api("/api/relations?limit=100");
  assert.equal(await page.locator("#relations-table tbody tr").count(), pairs.pairs.length);
  await page.locator("#relations-table tbody tr").first().click();
  await page.waitForSelector("#relation-detail blockquote.evidence-text");
  await page.screenshot({ path: join(out, "06-relations.png") });
});

await step("a view with nonsense in its URL still loads", async () => {
  await page.goto(`${base}/?at=yesterday&window=-3&map=a,b,c&tab=nowhere`);
  await page.waitForSelector("body[data-ready]");
  assert.ok(await page.locator("path.event-marker").count() > 0);
});

await step("no errors in the page", async () => {
  assert.deepEqual(problems, []);
});

await browser.close();
