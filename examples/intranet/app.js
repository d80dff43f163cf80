// The coordinator's page: open a data file, see the network, ask for a way in,
// see what is going cold, who the key people are, and the value report.
// Every question goes to a Web Worker that holds the samskab WebAssembly module.

const TEXT = {
  da: {
    title: "Relationer og tillid", asOf: "Dato", open: "Åbn datafil", loading: "Indlæser …",
    network: "Netværket", municipality: "Kommunen", civil_society: "Civilsamfundet", business: "Erhverv", other: "Andre",
    graphHint: "Klik på en aktør for at se dens relationer.", ties: "Relationer", actorPick: "Aktør", pickActor: "Vælg en aktør i netværket.",
    wayIn: "Find en vej ind", newcomer: "Hvem er ny?", target: "Hvem eller hvad skal de finde?", find: "Find en vej ind",
    cold: "Relationer der bliver kolde", keyPeople: "Nøglepersoner", report: "Værdirapport", from: "Fra", to: "Til (ikke med)",
    makeReport: "Lav rapport", switchTo: "English", loaded: (c) => `${c.actors} aktører, ${c.interactions} kontakter, ${c.initiatives} initiativer`,
    noWay: "Ingen vej ind fundet med tillid nok.", ask: (who) => `Spørg ${who} om en introduktion.`, direct: "De kender hinanden allerede.",
    chainTrust: "tillid", noCold: "Ingen stærke relationer er ved at blive kolde.", noKey: "Ingen enkeltperson er den eneste vej ind for andre.",
    state: { cooling: "køles af", dormant: "sover", lost: "tabt" },
    days: (n) => `${n} dage uden kontakt`, reachOut: (who) => `${who} bør tage kontakt`,
    onlyWay: (list) => `eneste vej ind for ${list}`,
    keyLine: (n, g) => `${n} aktører og ${g} grupper mister deres eneste vej ind`, handover: "Overdrag først:",
    trustIn: (a, b, v, back) => `${a} har tillid ${v} til ${b} (den anden vej: ${back}).`,
    contacts: (n, inf, first, last) => `${n} kontakter (${inf} uformelle) fra ${first} til ${last}.`,
    faded: (f, c) => `${f} af ${c} mødeækvivalenter er falmet med tiden.`, fresh: "Kontakten er frisk.",
    oneSided: (b, p) => `${b} tager sjældent initiativet (${p} %).`, mutual: "Begge tager initiativ.",
    answered: (d) => `Henvendelser besvares på ${d} dage (median).`, overdue: (n) => `${n} henvendelser er ikke besvaret i tide.`,
    negative: (n) => `${n} kontakter gik dårligt.`,
    errors: {
      ParseError: "Filen er ikke gyldig JSON.", ValidationError: "Filen følger ikke samskabs format.",
      NewerVersionError: "Filen er skrevet af en nyere udgave af samskab. Opdatér siden.",
      UnknownActorError: "Aktøren findes ikke i netværket.", UnknownInitiativeError: "Initiativet findes ikke.",
      UnknownInteractionError: "Kontakten findes ikke.", InvalidArgumentError: "Det valg kan ikke bruges.",
      LimitError: "Filen er for stor til at blive beregnet her.", other: "Noget gik galt.",
    },
    where: "Hvor:", sameActor: "Vælg to forskellige aktører.",
  },
  en: {
    title: "Relationships and trust", asOf: "Date", open: "Open data file", loading: "Loading …",
    network: "The network", municipality: "Municipality", civil_society: "Civil society", business: "Business", other: "Other",
    graphHint: "Click an actor to see its relationships.", ties: "Relationships", actorPick: "Actor", pickActor: "Pick an actor in the network.",
    wayIn: "Find a way in", newcomer: "Who is new?", target: "Whom or what are they looking for?", find: "Find a way in",
    cold: "Relationships going cold", keyPeople: "Key people", report: "Value report", from: "From", to: "To (not included)",
    makeReport: "Make report", switchTo: "Dansk", loaded: (c) => `${c.actors} actors, ${c.interactions} contacts, ${c.initiatives} initiatives`,
    noWay: "No way in found with enough trust.", ask: (who) => `Ask ${who} for an introduction.`, direct: "They already know each other.",
    chainTrust: "trust", noCold: "No strong relationship is going cold.", noKey: "Nobody is anyone's only way in.",
    state: { cooling: "cooling", dormant: "dormant", lost: "lost" },
    days: (n) => `${n} days without contact`, reachOut: (who) => `${who} should reach out`,
    onlyWay: (list) => `only way in for ${list}`,
    keyLine: (n, g) => `${n} actors and ${g} groups lose their only way in`, handover: "Hand over first:",
    trustIn: (a, b, v, back) => `${a} trusts ${b} ${v} (the other way: ${back}).`,
    contacts: (n, inf, first, last) => `${n} contacts (${inf} informal) from ${first} to ${last}.`,
    faded: (f, c) => `${f} of ${c} meeting-equivalents have faded with time.`, fresh: "The contact is fresh.",
    oneSided: (b, p) => `${b} seldom takes the initiative (${p} %).`, mutual: "Both take the initiative.",
    answered: (d) => `Requests are answered in ${d} days (median).`, overdue: (n) => `${n} requests were not answered in time.`,
    negative: (n) => `${n} contacts went badly.`,
    errors: {
      ParseError: "The file is not valid JSON.", ValidationError: "The file does not follow samskab's format.",
      NewerVersionError: "The file was written by a newer samskab. Update the page.",
      UnknownActorError: "The actor is not in the network.", UnknownInitiativeError: "The initiative does not exist.",
      UnknownInteractionError: "The contact does not exist.", InvalidArgumentError: "That choice cannot be used.",
      LimitError: "The file is too large to be worked out here.", other: "Something went wrong.",
    },
    where: "Where:", sameActor: "Pick two different actors.",
  },
};
const COLOURS = { municipality: "#1f77b4", civil_society: "#2ca02c", business: "#ff7f0e", other: "#7f7f7f" };
const DEFAULT_SECTOR = {
  employee: "municipality", unit: "municipality", politician: "municipality", volunteer: "civil_society",
  organisation: "civil_society", community: "civil_society", citizen: "civil_society", network: "civil_society",
  business: "business", other: "other",
};

const $ = (id) => document.getElementById(id);
let lang = "da";
let config = {};
let actors = [];
let names = new Map();
let graph = null;
let selected = null;
let summary = null;

// ----- the worker ------------------------------------------------------------

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
let nextId = 0;
const waiting = new Map();
worker.onmessage = ({ data }) => {
  const { resolve, reject } = waiting.get(data.id);
  waiting.delete(data.id);
  if (data.ok) resolve(data.value);
  else reject(Object.assign(new Error(data.error.message), data.error));
};
function ask(op, args = {}) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, op, args });
  });
}

// ----- helpers --------------------------------------------------------------

const t = (key) => TEXT[lang][key];
const fmt = (v) => v.toLocaleString(lang === "da" ? "da-DK" : "en-GB", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const day = (m) => (m ? m.slice(0, 10) : "");
const name = (id) => names.get(id) || id;
const asOf = () => $("as-of").value;
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}
// An error in the page's language; the places (and the library's own words,
// for whoever fixes the file) follow in small print.
function showError(e) {
  const box = $("error");
  box.hidden = false;
  const T = TEXT[lang];
  const problems = (e.problems || []).slice(0, 5).map((p) => `${p.place}: ${p.message}`).join("; ");
  const detail = el("small", ` ${T.where} ${problems || e.message} (${e.name || "Error"})`, "muted");
  box.replaceChildren(el("strong", T.errors[e.name] || T.errors.other), detail);
}
function clearError() {
  $("error").hidden = true;
}

function showSummary() {
  if (!summary) return;
  const title = summary.meta && summary.meta.municipality ? `${summary.meta.municipality}: ` : "";
  $("summary").textContent = title + t("loaded")(summary.counts);
}

function translate() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll("[data-t]")) {
    const v = TEXT[lang][node.dataset.t];
    if (typeof v === "string") node.textContent = v;
  }
  $("lang").textContent = t("switchTo");
  showSummary();
}

// ----- loading ------------------------------------------------------------------

async function loadText(text) {
  clearError();
  const info = await ask("load", { text });
  // Nothing of the last file's answers stays on screen.
  selected = null;
  $("paths").replaceChildren();
  $("report-text").textContent = "";
  const ties = $("actor-ties");
  ties.classList.add("muted");
  ties.replaceChildren(t("pickActor"));
  actors = info.actors;
  names = new Map(actors.map((a) => [a.id, a.name || a.id]));
  summary = info;
  showSummary();
  $("status").hidden = true;
  fillSelects();
  await refresh();
  document.body.dataset.loaded = "true";
}

function fillSelects() {
  const people = actors.filter((a) => !["unit", "organisation", "community", "network"].includes(a.kind));
  const sorted = (list) => [...list].sort((a, b) => name(a.id).localeCompare(name(b.id), "da"));
  const fill = (select, list) => {
    select.replaceChildren(...sorted(list).map((a) => {
      const o = el("option", `${name(a.id)} (${a.kind})`);
      o.value = a.id;
      return o;
    }));
  };
  fill($("source"), people);
  fill($("target"), actors);
  fill($("actor-pick"), actors);
  // Start the two questions on different actors: the same one twice is no question.
  const target = $("target");
  if (target.value === $("source").value) {
    const other = [...target.options].find((o) => o.value !== $("source").value);
    if (other) target.value = other.value;
  }
}

async function refresh() {
  await Promise.all([draw(), showCold(), showKeyPeople()]);
  if (selected) await showActor(selected);
}

// ----- the drawing ----------------------------------------------------------------

async function draw() {
  const { ties } = await ask("graph", { asOf: asOf() });
  const strength = (x) => Math.min(x.trust_ab, x.trust_ba);
  const degree = new Map();
  for (const x of ties) {
    degree.set(x.a, (degree.get(x.a) || 0) + strength(x));
    degree.set(x.b, (degree.get(x.b) || 0) + strength(x));
  }
  // A municipality-size network is drawn by its best-connected actors only.
  const shown = new Set([...actors].sort((a, b) => (degree.get(b.id) || 0) - (degree.get(a.id) || 0))
    .slice(0, config.maxDrawnActors || 600).map((a) => a.id));
  const elements = actors.filter((a) => shown.has(a.id)).map((a) => ({
    data: { id: a.id, label: name(a.id), colour: COLOURS[a.sector || DEFAULT_SECTOR[a.kind]] },
  }));
  for (const x of ties) {
    if (shown.has(x.a) && shown.has(x.b) && strength(x) > 0.05) {
      elements.push({ data: { id: `${x.a}|${x.b}`, source: x.a, target: x.b, width: 1 + 6 * strength(x) } });
    }
  }
  if (graph) graph.destroy();
  graph = cytoscape({
    container: $("graph"),
    elements,
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 8, width: 14, height: 14 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "#b8c2cc", opacity: 0.7 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#111" } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 },
  });
  graph.on("tap", "node", (e) => showActor(e.target.id()).catch(showError));
}

// ----- an actor's ties, in words --------------------------------------------------

function explain(id, tie) {
  const T = TEXT[lang];
  const s = tie.stats;
  const c = tie.trust.components;
  const lines = [T.trustIn(name(id), name(tie.other), fmt(tie.trust.value), fmt(tie.back.value))];
  lines.push(T.contacts(s.interactions, s.informal, day(s.first_contact), day(s.last_contact)));
  // What fading took is measured against the contact that counted, after
  // the discount for contact close together.
  const counted = c.contact + c.spacing;
  lines.push(-c.recency > 0.3 * counted ? T.faded(fmt(-c.recency), fmt(counted)) : T.fresh);
  const share = Math.round(100 * tie.trust.target_initiative_share);
  lines.push(share < 30 ? T.oneSided(name(tie.other), share) : T.mutual);
  if (s.median_response_days !== null) lines.push(T.answered(fmt(s.median_response_days)));
  if (s.overdue > 0) lines.push(T.overdue(s.overdue));
  if (s.negative > 0) lines.push(T.negative(s.negative));
  return lines.join(" ");
}

async function showActor(id) {
  selected = id;
  $("actor-pick").value = id;
  const ties = await ask("actor", { id, asOf: asOf() });
  ties.sort((a, b) => b.trust.value - a.trust.value);
  const box = $("actor-ties");
  box.classList.remove("muted");
  box.replaceChildren(el("h3", name(id)), ...ties.map((tie) => el("div", explain(id, tie), "tie")));
}

// ----- questions ------------------------------------------------------------------

async function findWayIn(event) {
  if (event) event.preventDefault();
  clearError();
  if ($("source").value === $("target").value) {
    $("paths").replaceChildren(el("li", t("sameActor")));
    return;
  }
  const ways = await ask("paths", { source: $("source").value, target: $("target").value, asOf: asOf(), k: 3 });
  const list = $("paths");
  if (ways.length === 0) {
    list.replaceChildren(el("li", t("noWay")));
    return;
  }
  list.replaceChildren(...ways.map((w) => {
    const li = el("li");
    li.append(el("span", w.actors.map(name).join(" → "), "chain"));
    li.append(el("span", ` · ${t("chainTrust")} ${fmt(w.trust)} · `));
    li.append(el("span", w.introducer ? t("ask")(name(w.introducer)) : t("direct"), "introducer"));
    return li;
  }));
}

async function showCold() {
  const cold = await ask("neglected", { asOf: asOf() });
  const T = TEXT[lang];
  $("cold-list").replaceChildren(...(cold.length ? cold.slice(0, 12).map((c) => {
    const parts = [`${name(c.a)} – ${name(c.b)}: ${T.state[c.state]}, ${T.days(c.days_since_contact)}`,
      `${t("chainTrust")} ${fmt(c.trust_now)} (${fmt(c.peak_trust)})`, T.reachOut(name(c.reach_out))];
    if (c.at_stake.length) parts.push(T.onlyWay(c.at_stake.map(name).join(", ")));
    return el("li", parts.join("; "));
  }) : [el("li", t("noCold"))]));
}

async function showKeyPeople() {
  const people = await ask("keyPeople", { asOf: asOf() });
  const T = TEXT[lang];
  $("key-list").replaceChildren(...(people.length ? people.slice(0, 8).map((k) => {
    const li = el("li");
    li.append(el("strong", name(k.actor)), el("span", `: ${T.keyLine(k.orphans.length, k.orphaned_groups.length)} (${[...k.orphans, ...k.orphaned_groups].map(name).join(", ")}). `));
    const first = k.handover.filter((h) => h.carries_orphans).map((h) => name(h.actor));
    if (first.length) li.append(el("span", `${T.handover} ${first.join(", ")}.`, "muted"));
    return li;
  }) : [el("li", t("noKey"))]));
}

async function makeReport(event) {
  if (event) event.preventDefault();
  clearError();
  $("report-text").textContent = await ask("report", { start: $("report-start").value, end: $("report-end").value, lang });
}

// ----- start ----------------------------------------------------------------------

async function start() {
  config = await (await fetch("config.json")).json();
  lang = config.language === "en" ? "en" : "da";
  $("as-of").value = config.asOf || new Date().toISOString().slice(0, 10);
  $("report-start").value = config.reportStart || "";
  $("report-end").value = config.reportEnd || "";
  translate();
  $("lang").addEventListener("click", () => {
    lang = lang === "da" ? "en" : "da";
    translate();
    refresh().catch(showError);
    if ($("report-text").textContent) makeReport().catch(showError);
    if ($("paths").children.length) findWayIn().catch(showError);
  });
  $("as-of").addEventListener("change", () => refresh().catch(showError));
  $("actor-pick").addEventListener("change", () => showActor($("actor-pick").value).catch(showError));
  $("way-form").addEventListener("submit", (e) => findWayIn(e).catch(showError));
  $("report-form").addEventListener("submit", (e) => makeReport(e).catch(showError));
  $("file").addEventListener("change", async () => {
    const file = $("file").files[0];
    if (file) await loadText(await file.text()).catch(showError);
  });
  if (config.dataUrl) {
    const response = await fetch(config.dataUrl);
    await loadText(await response.text());
  }
}

start().catch(showError);
