// The golden cases shared with Rust and Python: the same answers, trust to 1e-9.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Network } from "../pkg/node.mjs";

const repo = new URL("../../", import.meta.url);
const golden = new URL("testdata/golden/", repo);
const cases = JSON.parse(readFileSync(new URL("cases.json", golden), "utf8"));

function answers(c) {
  const net = Network.fromJson(readFileSync(new URL(c.document, repo), "utf8"));
  const asOf = c.as_of;
  const trust = [];
  for (const t of net.ties(asOf)) {
    for (const [s, u] of [[t.a, t.b], [t.b, t.a]]) {
      trust.push({ source: s, target: u, value: net.trustValue(s, u, asOf) });
    }
  }
  const paths = c.paths.map(([s, t, k]) => ({
    source: s,
    target: t,
    k,
    chains: net.paths(s, t, asOf, k).map((w) => ({ actors: w.actors, trust: w.trust })),
  }));
  const report = net.report(c.report[0], c.report[1]);
  const cur = report.current;
  return {
    trust,
    paths,
    key_people: net.keyPeople(asOf).map((k) => ({ actor: k.actor, orphans: k.orphans, orphaned_groups: k.orphaned_groups })),
    neglected: net.neglected(asOf).map((x) => ({ a: x.a, b: x.b, state: x.state, trust_now: x.trust_now })),
    coverage: net.coverage(asOf).map((x) => ({ group: x.group, status: x.status })),
    brokers: net.brokers(asOf).map((b) => ({ actor: b.actor, betweenness: b.betweenness })),
    brokers_sampled: net.brokers(asOf, { sources: 5, seed: 3 }).map((b) => ({ actor: b.actor, betweenness: b.betweenness })),
    report: {
      interactions: cur.interactions,
      informal: cur.informal,
      people_met: cur.people_met,
      new_ties: cur.new_ties,
      strengthened: cur.strengthened,
      weakened: cur.weakened,
      requests_asked: cur.requests.asked,
      requests_answered: cur.requests.answered,
      median_response_days: cur.requests.median_response_days,
      previous_interactions: report.previous.interactions,
    },
  };
}

function same(got, want, place) {
  if (typeof want === "number" && !Number.isInteger(want) || typeof got === "number" && !Number.isInteger(got)) {
    assert.ok(Math.abs(got - want) <= 1e-9, `${place}: ${got} != ${want}`);
  } else if (Array.isArray(want)) {
    assert.equal(got.length, want.length, `${place}: lengths differ`);
    want.forEach((w, i) => same(got[i], w, `${place}[${i}]`));
  } else if (want && typeof want === "object") {
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), `${place}: fields differ`);
    for (const k of Object.keys(want)) same(got[k], want[k], `${place}.${k}`);
  } else {
    assert.equal(got, want, place);
  }
}

for (const c of cases) {
  test(`golden case ${c.name}`, () => {
    const want = JSON.parse(readFileSync(new URL(`${c.name}.expected.json`, golden), "utf8"));
    delete want.name;
    const got = answers(c);
    const listed = new Set(got.trust.map((t) => `${t.source}\u0000${t.target}`));
    for (const t of want.trust) {
      if (!listed.has(`${t.source}\u0000${t.target}`)) assert.equal(t.value, 0);
    }
    want.trust = want.trust.filter((t) => listed.has(`${t.source}\u0000${t.target}`));
    const key = (t) => `${t.source}\u0000${t.target}`;
    const order = (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
    got.trust.sort(order);
    want.trust.sort(order);
    same(got, want, c.name);
  });
}
