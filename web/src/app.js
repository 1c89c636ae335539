"use strict";
// sitrep's web map. Plain JavaScript over the JSON API (/api/openapi.json): no framework and no
// build step, because the page is one screen of controls and the libraries it uses (Leaflet,
// topojson-client, Natural Earth's countries from world-atlas) ship as ready files on npm. The race
// chart is a hand-drawn SVG: one line chart, about sixty lines, which a charting library would
// triple in size.
//
// The view lives in the URL (?at=2017-09-30&window=30&actor=sdf&tab=race&objective=...), so a
// view can be bookmarked and shared.

const DAY_MS = 86400000;
const MAX_EVENTS = 5000;
const MAX_LISTED = 400;

const TYPE_COLOURS = {
  ASSAULT: "#c0392b", COERCE: "#8e44ad", MOBILIZE: "#1f6fb2", RETREAT: "#138d75",
  THREATEN: "#d35400", PROTEST: "#b7950b", SANCTION: "#6e2c00", AID: "#27ae60",
  SUPPORT: "#2e86c1", COOPERATE: "#17a589", AGREE: "#229954", CONSULT: "#5d6d7e",
  CONCEDE: "#7d3c98", REQUEST: "#85929e", ACCUSE: "#a04000", REJECT: "#922b21",
};
const LINE_COLOURS = ["#c0392b", "#1f6fb2", "#27ae60", "#8e44ad", "#d35400", "#138d75",
  "#b7950b", "#34495e", "#e84393", "#6e2c00"];

const $ = (selector) => document.querySelector(selector);

/** An element with attributes (`class`, `data-*`, properties) and children (nodes or text). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("data-") || key === "title" || key === "href") node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

/** An SVG element with attributes. */
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

async function api(path) {
  const response = await fetch(path);
  let body;
  try {
    body = await response.json();
  } catch {
    body = { error: response.statusText };
  }
  if (!response.ok) throw new Error(`${path}: ${body.error || response.status}`);
  return body;
}

const toDay = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const fromDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const endOfMonth = (month) => {
  const [y, m] = month.split("-").map(Number);
  return Math.floor(Date.UTC(y, m, 1) / DAY_MS) - 1;
};

// ---------------------------------------------------------------------------------------------
// The view, read from and written to the URL.

const query = new URLSearchParams(location.search);
const view = {
  at: query.get("at"),
  window: Number(query.get("window")) || 30,
  actor: query.get("actor") || "",
  type: query.get("type") || "",
  status: query.get("status") || "",
  tab: ["events", "race", "relations"].includes(query.get("tab")) ? query.get("tab") : "events",
  objective: query.get("objective") || "Deir ez-Zor",
  since: query.get("since") || "",
  until: query.get("until") || "",
  radius: Number(query.get("radius")) || 10,
  pairsOf: query.get("pairs_of") || "",
  map: query.get("map") || "", // "lat,lon,zoom"
};

function saveView() {
  const q = new URLSearchParams();
  const defaults = { window: 30, tab: "events", objective: "Deir ez-Zor", radius: 10 };
  for (const [key, value] of Object.entries(view)) {
    const name = key === "pairsOf" ? "pairs_of" : key;
    if (value !== "" && value !== null && value !== defaults[key]) q.set(name, value);
  }
  history.replaceState(null, "", `${location.pathname}?${q}`);
}

function showError(message) {
  const counts = $("#counts");
  counts.textContent = message;
  counts.classList.add("error");
}

// ---------------------------------------------------------------------------------------------
// Actors: names for ids, and the filters' choices.

const actorNames = new Map();
const actorName = (id) => (id ? actorNames.get(id) || id : "—");

async function loadActors() {
  const { actors } = await api("/api/actors?limit=1000");
  for (const a of actors) actorNames.set(a.id, a.name);
  for (const select of [$("#actor"), $("#relations-actor")]) {
    for (const a of actors) {
      select.append(el("option", { value: a.id }, `${a.name} (${a.mentions})`));
    }
  }
  $("#actor").value = view.actor;
  $("#relations-actor").value = view.pairsOf;
}

// ---------------------------------------------------------------------------------------------
// The map: Natural Earth's countries under the events, no tiles.

const map = L.map("map", { zoomSnap: 0.5, worldCopyJump: true }).setView([35.0, 40.0], 6);
map.attributionControl.setPrefix(false);
map.attributionControl.addAttribution("Borders: Natural Earth · Leaflet");
map.createPane("borders").style.zIndex = 250;
const eventLayer = L.layerGroup().addTo(map);
{
  const [lat, lon, zoom] = view.map.split(",").map(Number);
  if ([lat, lon, zoom].every(Number.isFinite)) map.setView([lat, lon], zoom);
}
map.on("moveend", () => {
  const c = map.getCenter();
  view.map = `${c.lat.toFixed(3)},${c.lng.toFixed(3)},${map.getZoom()}`;
  saveView();
});

async function drawCountries() {
  const topo = await api("/assets/vendor/countries-50m.json");
  const countries = topojson.feature(topo, topo.objects.countries);
  L.geoJSON(countries, {
    pane: "borders",
    interactive: false,
    style: { color: "#9a9486", weight: 0.8, fillColor: "#f4f1e8", fillOpacity: 1, className: "country" },
  }).addTo(map);
}

// ---------------------------------------------------------------------------------------------
// Time: a slider over the months that hold events, with their histogram above it.

let span = null; // {first, last}: days the slider covers

async function loadSummary() {
  const { counts, months } = await api("/api/summary");
  if (months.length === 0) {
    $("#window-label").textContent = "no dated, located events stored";
    return;
  }
  // The slider spans the central 98% of events: a few misdated or historical events (a treaty of
  // 1916 in a background paragraph) would otherwise stretch it over a century.
  const total = months.reduce((n, m) => n + m.events, 0);
  let seen = 0;
  let lo = 0;
  let hi = months.length - 1;
  for (let i = 0; i < months.length; i++) {
    seen += months[i].events;
    if (seen <= total * 0.01) lo = i + 1;
    if (seen >= total * 0.99) {
      hi = i;
      break;
    }
  }
  lo = Math.min(lo, hi);
  const shown = months.slice(lo, hi + 1);
  span = { first: toDay(`${shown[0].month}-01`), last: endOfMonth(shown[shown.length - 1].month) };
  const slider = $("#slider");
  slider.min = span.first;
  slider.max = span.last;
  const busiest = shown.reduce((a, b) => (b.events > a.events ? b : a));
  let at = view.at ? toDay(view.at) : endOfMonth(busiest.month);
  if (Number.isNaN(at)) at = endOfMonth(busiest.month);
  slider.value = Math.min(Math.max(at, span.first), span.last);
  drawHistogram(shown);
  $("#counts").textContent = `${counts.documents} documents · ${counts.events} events`;
}

function drawHistogram(months) {
  const chart = $("#histogram");
  chart.replaceChildren();
  const width = span.last - span.first + 1;
  chart.setAttribute("viewBox", `0 0 ${width} 100`);
  chart.setAttribute("preserveAspectRatio", "none");
  const most = Math.max(...months.map((m) => m.events));
  for (const m of months) {
    const x = toDay(`${m.month}-01`) - span.first;
    const w = endOfMonth(m.month) - toDay(`${m.month}-01`) + 1;
    const h = Math.max(2, (100 * m.events) / most);
    chart.append(svg("rect", { x, y: 100 - h, width: w * 0.9, height: h, class: "bar" },
      svg("title", {}, document.createTextNode(`${m.month}: ${m.events} events`))));
  }
  chart.append(svg("rect", { id: "window-mark", y: 0, height: 100, x: 0, width: 0 }));
}

function windowDays() {
  const end = Number($("#slider").value);
  return { start: end - view.window + 1, end };
}

function markWindow() {
  const { start, end } = windowDays();
  const mark = $("#window-mark");
  if (mark && span) {
    mark.setAttribute("x", Math.max(0, start - span.first));
    mark.setAttribute("width", end - Math.max(start, span.first) + 1);
  }
  $("#window-label").textContent =
    view.window === 1 ? fromDay(end) : `${fromDay(start)} – ${fromDay(end)}`;
}

// ---------------------------------------------------------------------------------------------
// Events in the window: markers (one per place, sized by its events) and the list.

let loadSeq = 0;
const markers = new Map(); // place id -> circle marker

async function loadEvents() {
  if (!span) return;
  const { start, end } = windowDays();
  view.at = fromDay(end);
  saveView();
  const q = new URLSearchParams({ since: fromDay(start), until: fromDay(end), limit: MAX_EVENTS });
  if (view.actor) q.set("actor", view.actor);
  if (view.type) q.set("type", view.type);
  if (view.status) q.set("status", view.status);
  const seq = ++loadSeq;
  document.body.dataset.loading = "events";
  let answer;
  try {
    answer = await api(`/api/events?${q}`);
  } catch (e) {
    showError(e.message);
    return;
  }
  if (seq !== loadSeq) return; // a newer window is on its way
  const located = answer.events.filter((e) => e.place && e.place.lat !== undefined);
  drawMarkers(located);
  listEvents(answer.events, located.length);
  delete document.body.dataset.loading;
  document.body.dataset.window = `${fromDay(start)}/${fromDay(end)}`;
}

function drawMarkers(events) {
  eventLayer.clearLayers();
  markers.clear();
  const byPlace = new Map();
  for (const e of events) {
    const key = e.place.id;
    if (!byPlace.has(key)) byPlace.set(key, []);
    byPlace.get(key).push(e);
  }
  for (const [placeId, here] of byPlace) {
    const types = new Map();
    for (const e of here) types.set(e.type, (types.get(e.type) || 0) + 1);
    const main = [...types].sort((a, b) => b[1] - a[1])[0][0];
    const { lat, lon, name } = here[0].place;
    const marker = L.circleMarker([lat, lon], {
      radius: 4 + 2.5 * Math.sqrt(here.length),
      color: "#222",
      weight: 1,
      fillColor: TYPE_COLOURS[main] || "#555",
      fillOpacity: 0.75,
      className: "event-marker",
    });
    marker.bindTooltip(`${name}: ${here.length} event${here.length > 1 ? "s" : ""}`);
    marker.bindPopup(() => placePopup(name, here), { maxWidth: 420, maxHeight: 360 });
    marker.on("add", () => marker.getElement()?.setAttribute("data-place", placeId));
    marker.addTo(eventLayer);
    markers.set(placeId, marker);
  }
}

function eventLine(e) {
  const who = e.actor2 ? `${actorName(e.actor1)} → ${actorName(e.actor2)}` : actorName(e.actor1);
  const mode = e.mode ? ` (${e.mode})` : "";
  const date = e.date ? (e.date.start === e.date.end ? e.date.start : `${e.date.start}…${e.date.end}`) : "undated";
  return `${date} · ${e.type}${mode} · ${who}${e.status === "occurred" ? "" : ` · ${e.status}`}`;
}

function placePopup(name, events) {
  const box = el("div", { class: "popup" }, el("h3", {}, `${name}: ${events.length} event${events.length > 1 ? "s" : ""}`));
  for (const e of events.slice(0, 12)) {
    box.append(el("div", { class: "popup-event", "data-id": e.id },
      el("div", { class: "line" }, eventLine(e)),
      el("blockquote", { class: "evidence-text" }, e.evidence.text),
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); openEventDocument(e); } },
        e.reports > 1 ? `open the first of ${e.reports} reports` : "open the document")));
  }
  if (events.length > 12) box.append(el("p", { class: "hint" }, `and ${events.length - 12} more in the list`));
  return box;
}

function listEvents(events, located) {
  const list = $("#event-list");
  list.replaceChildren();
  const shown = events.slice(0, MAX_LISTED);
  $("#events-hint").textContent = `${events.length}${events.length === MAX_EVENTS ? "+" : ""} events in the window, ${located} on the map` +
    (events.length > shown.length ? `; the newest ${shown.length} listed` : "");
  for (const e of shown) {
    const item = el("li", {
      class: "event",
      "data-id": e.id,
      "data-type": e.type,
      "data-start": e.date ? e.date.start : "",
      "data-end": e.date ? e.date.end : "",
      "data-actors": [e.actor1, e.actor2].filter(Boolean).join(" "),
    },
    el("button", { type: "button", class: "summary", onclick: () => toggleEvent(item, e) },
      el("span", { class: "swatch", style: `background:${TYPE_COLOURS[e.type] || "#555"}` }),
      eventLine(e), e.place ? el("span", { class: "place" }, ` · ${e.place.name}`) : null,
      e.sources > 1 ? el("span", { class: "badge" }, `${e.sources} sources`) : null));
    list.append(item);
  }
}

async function toggleEvent(item, e) {
  if (item.classList.toggle("open") === false) {
    item.querySelector(".detail")?.remove();
    return;
  }
  const detail = el("div", { class: "detail" }, el("blockquote", { class: "evidence-text" }, e.evidence.text));
  item.append(detail);
  if (e.place && markers.has(e.place.id)) {
    map.panTo([e.place.lat, e.place.lon]);
    const marker = markers.get(e.place.id);
    marker.setStyle({ weight: 3, color: "#000" });
    setTimeout(() => marker.setStyle({ weight: 1, color: "#222" }), 1500);
  }
  try {
    const full = await api(`/api/events/${e.id}`);
    const reports = el("ul", { class: "reports" });
    for (const r of full.report_list) {
      const doc = r.document;
      const label = doc.title || doc.source || doc.ext_id || doc.origin || `document ${doc.id}`;
      reports.append(el("li", {},
        el("a", { href: "#", class: "document-link", onclick: (ev) => { ev.preventDefault(); openDocument(doc.id, r.event.evidence, r.event.trigger); } }, label),
        doc.published ? ` (${doc.published})` : ""));
    }
    detail.append(el("p", { class: "hint" }, `${full.reports} report${full.reports > 1 ? "s" : ""} from ${full.documents} document${full.documents > 1 ? "s" : ""}:`), reports);
  } catch (err) {
    detail.append(el("p", { class: "error" }, err.message));
  }
}

async function openEventDocument(e) {
  try {
    const full = await api(`/api/events/${e.id}`);
    const first = full.report_list[0];
    await openDocument(first.document.id, first.event.evidence, first.event.trigger);
  } catch (err) {
    showError(err.message);
  }
}

// ---------------------------------------------------------------------------------------------
// A document with its mentions marked and the event's evidence sentence highlighted.

async function openDocument(id, evidence, trigger) {
  const doc = await api(`/api/documents/${id}`);
  $("#document-title").textContent = doc.title || doc.ext_id || doc.origin || `Document ${id}`;
  // Offsets count Unicode scalar values; JavaScript strings count UTF-16 units.
  const chars = Array.from(doc.text);
  const cuts = new Set([0, chars.length]);
  const spans = [];
  for (const m of doc.mentions) spans.push({ start: m.start, end: m.end, cls: `mention-${m.kind}`, title: m.target });
  if (trigger) spans.push({ start: trigger.start, end: trigger.end, cls: "trigger", title: "trigger" });
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  if (evidence) { cuts.add(evidence.start); cuts.add(evidence.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
  const text = $("#document-text");
  text.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const covering = spans.filter((s) => s.start <= a && b <= s.end);
    let node = document.createTextNode(piece);
    for (const s of covering) node = el("mark", { class: s.cls, title: s.title }, node);
    if (evidence && evidence.start <= a && b <= evidence.end) node = el("mark", { class: "evidence" }, node);
    text.append(node);
  }
  $("#document").hidden = false;
  text.querySelector(".evidence")?.scrollIntoView({ block: "center" });
}

$("#document-close").addEventListener("click", () => { $("#document").hidden = true; });
document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") $("#document").hidden = true; });

// ---------------------------------------------------------------------------------------------
// The race: each actor's distance to the objective against time.

async function loadRace() {
  const q = new URLSearchParams({ objective: view.objective, radius: view.radius });
  if (view.since) q.set("since", view.since);
  if (view.until) q.set("until", view.until);
  $("#race-error").hidden = true;
  try {
    drawRace(await api(`/api/race?${q}`));
  } catch (e) {
    $("#race-error").textContent = e.message;
    $("#race-error").hidden = false;
  }
}

function drawRace(race) {
  const chart = $("#race-chart");
  chart.replaceChildren();
  const lines = race.lines.filter((l) => l.positions.length > 0);
  const W = 400, H = 240, left = 44, right = 10, top = 10, bottom = 28;
  chart.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const days = lines.flatMap((l) => l.positions.map((p) => toDay(p.date)));
  const x0 = race.since ? toDay(race.since) : Math.min(...days);
  const x1 = race.until ? toDay(race.until) : Math.max(...days);
  const far = Math.max(race.radius_km * 2, ...lines.flatMap((l) => l.positions.map((p) => p.km)));
  const step = [10, 25, 50, 100, 200, 500].find((s) => far / s <= 5) || 1000;
  const y1 = Math.ceil(far / step) * step;
  const x = (day) => left + ((day - x0) / Math.max(1, x1 - x0)) * (W - left - right);
  const y = (km) => top + (km / y1) * (H - top - bottom);
  // Within the radius: the goal.
  chart.append(svg("rect", { x: left, y: top, width: W - left - right, height: y(race.radius_km) - top, class: "goal" }));
  for (let km = 0; km <= y1; km += step) {
    chart.append(svg("line", { x1: left, x2: W - right, y1: y(km), y2: y(km), class: "grid" }));
    chart.append(svg("text", { x: left - 4, y: y(km) + 3, class: "tick", "text-anchor": "end" }, document.createTextNode(`${km} km`)));
  }
  for (let day = x0; day <= x1; day++) {
    const d = new Date(day * DAY_MS);
    if (d.getUTCDate() !== 1) continue;
    chart.append(svg("line", { x1: x(day), x2: x(day), y1: top, y2: H - bottom, class: "grid" }));
    chart.append(svg("text", { x: x(day), y: H - bottom + 14, class: "tick", "text-anchor": "middle" },
      document.createTextNode(d.toLocaleString("en", { month: "short", timeZone: "UTC" }))));
  }
  const body = $("#race-table tbody");
  body.replaceChildren();
  lines.forEach((line, i) => {
    const colour = LINE_COLOURS[i % LINE_COLOURS.length];
    const points = [...line.positions].sort((a, b) => a.date.localeCompare(b.date));
    const path = points.map((p, j) => `${j ? "L" : "M"}${x(toDay(p.date)).toFixed(1)},${y(p.km).toFixed(1)}`).join(" ");
    const g = svg("g", { class: "race-line", "data-actor": line.actor, stroke: colour, fill: colour },
      svg("title", {}, document.createTextNode(line.name)));
    g.append(svg("path", { d: path, fill: "none" }));
    for (const p of points) g.append(svg("circle", { cx: x(toDay(p.date)), cy: y(p.km), r: 2 }));
    if (line.confirmed_within) {
      g.append(svg("circle", { cx: x(toDay(line.confirmed_within.date)), cy: y(line.confirmed_within.km), r: 5, class: "reached" }));
    }
    chart.append(g);
    const reached = (at) => (at ? el("td", { "data-date": at.date, title: at.evidence }, `${at.date} (${at.place})`) : el("td", { "data-date": "" }, "never"));
    body.append(el("tr", { "data-actor": line.actor },
      el("td", {}, el("span", { class: "swatch", style: `background:${colour}` }), line.name),
      reached(line.first_within), reached(line.confirmed_within),
      el("td", { "data-km": line.closest ? line.closest.km : "" }, line.closest ? `${Math.round(line.closest.km)} km, ${line.closest.date}` : "—")));
  });
  chart.dataset.lines = lines.length;
}

$("#race-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  view.objective = $("#objective").value.trim();
  view.since = $("#race-since").value;
  view.until = $("#race-until").value;
  view.radius = Number($("#race-radius").value) || 10;
  saveView();
  loadRace();
});

// ---------------------------------------------------------------------------------------------
// Relations: allied, hostile and backing evidence per pair of actors.

async function loadRelations() {
  const q = new URLSearchParams({ limit: 100 });
  if (view.pairsOf) q.set("actor", view.pairsOf);
  const body = $("#relations-table tbody");
  body.replaceChildren();
  $("#relation-detail").replaceChildren();
  let answer;
  try {
    answer = await api(`/api/relations?${q}`);
  } catch (e) {
    body.append(el("tr", {}, el("td", { class: "error", colSpan: 5 }, e.message)));
    return;
  }
  for (const pair of answer.pairs) {
    const t = pair.total;
    const row = el("tr", { class: `stance-${pair.stance}`, "data-pair": `${pair.a} ${pair.b}`, onclick: () => showPair(pair) },
      el("td", {}, `${actorName(pair.a)} – ${actorName(pair.b)}`),
      el("td", { class: "stance" }, pair.stance),
      el("td", {}, t.allied), el("td", {}, t.hostile), el("td", {}, t.backs + t.backed_by));
    body.append(row);
  }
}

async function showPair(pair) {
  const detail = $("#relation-detail");
  detail.replaceChildren(el("h3", {}, `${actorName(pair.a)} and ${actorName(pair.b)}: ${pair.stance}`));
  const months = Object.entries(pair.months);
  detail.append(el("p", { class: "hint" }, months.length
    ? `Reported in ${months.length} months, ${months[0][0]} to ${months[months.length - 1][0]}.` : "Stated in text only."));
  const list = el("ul", { class: "reports" });
  detail.append(list);
  for (const id of pair.events.slice(0, 6)) {
    try {
      const e = await api(`/api/events/${id}`);
      list.append(el("li", {}, el("div", { class: "line" }, eventLine(e)), el("blockquote", { class: "evidence-text" }, e.evidence.text)));
    } catch (err) {
      list.append(el("li", { class: "error" }, err.message));
    }
  }
}

$("#relations-actor").addEventListener("change", () => {
  view.pairsOf = $("#relations-actor").value;
  saveView();
  loadRelations();
});

// ---------------------------------------------------------------------------------------------
// Tabs and filters.

const loaded = new Set();
function showTab(name) {
  view.tab = name;
  saveView();
  for (const button of document.querySelectorAll("#tabs button")) button.classList.toggle("active", button.dataset.tab === name);
  for (const section of document.querySelectorAll(".tab")) section.hidden = section.id !== `tab-${name}`;
  if (!loaded.has(name)) {
    loaded.add(name);
    if (name === "race") loadRace();
    if (name === "relations") loadRelations();
  }
}
for (const button of document.querySelectorAll("#tabs button")) button.addEventListener("click", () => showTab(button.dataset.tab));

for (const id of ["actor", "type", "status", "window"]) {
  $(`#${id}`).addEventListener("change", () => {
    const value = $(`#${id}`).value;
    view[id] = id === "window" ? Number(value) : value;
    markWindow();
    loadEvents();
  });
}

let sliderTimer = null;
$("#slider").addEventListener("input", () => {
  markWindow();
  clearTimeout(sliderTimer);
  sliderTimer = setTimeout(loadEvents, 150);
});

async function start() {
  $("#type").value = view.type;
  $("#status").value = view.status;
  $("#window").value = String(view.window);
  if (!$("#window").value) $("#window").value = "30";
  view.window = Number($("#window").value);
  $("#objective").value = view.objective;
  $("#race-since").value = view.since;
  $("#race-until").value = view.until;
  $("#race-radius").value = view.radius;
  try {
    await Promise.all([drawCountries(), loadActors(), loadSummary()]);
  } catch (e) {
    showError(e.message);
  }
  markWindow();
  showTab(view.tab);
  await loadEvents();
  document.body.dataset.ready = "true";
}

start();
