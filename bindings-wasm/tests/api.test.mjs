// The whole API from JavaScript: names, errors as Error objects, garbage.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as samskab from "../pkg/node.mjs";

const { Network } = samskab;
const repo = new URL("../../", import.meta.url);
const egebaek = () => Network.fromJson(readFileSync(new URL("examples/data/egebaek.json", repo), "utf8"));

test("load, query and write back", () => {
  const net = egebaek();
  assert.deepEqual(net.counts().actors, 54);
  assert.equal(Network.fromJson(net.toJson()).toJson(), net.toJson());
  const t = net.trust("v-grethe", "e-mette", new Date("2025-11-01T00:00:00Z"));
  assert.equal(t.value, net.trustValue("v-grethe", "e-mette", "2025-11-01"));
  const c = t.components;
  assert.ok(Math.abs(c.contact + c.spacing + c.recency + c.reciprocity + c.responsiveness + c.negative - t.evidence) < 1e-9);
  assert.equal(typeof t.top_interactions[0].at, "string");
  const ways = net.paths("v-maja", "u-job", "2025-11-01", 3);
  assert.deepEqual(ways[0].actors.slice(0, 2), ["v-maja", "v-ahmad"]);
  assert.equal(net.paths("v-maja", "u-job", "2025-11-01", 3, { maxHops: 1 }).length, 0);
  assert.ok(net.keyPeople("2025-11-01").length > 0);
  assert.ok(net.neglected("2025-11-01").some((x) => x.a === "e-karin" && x.b === "v-kurt"));
  assert.ok(net.coverage("2025-11-01").length > 0);
  assert.ok(net.brokers("2025-11-01")[0].normalized > 0);
  assert.deepEqual(net.brokers("2025-11-01", { sources: 10000 }), net.brokers("2025-11-01"));
  assert.deepEqual(net.brokers("2025-11-01", { sources: 10, seed: 4 }), net.brokers("2025-11-01", { sources: 10, seed: 4 }));
  assert.throws(() => net.brokers("2025-11-01", { sources: 0 }), { name: "InvalidArgumentError" });
  assert.throws(() => net.brokers("2025-11-01", { seed: -1 }), { name: "InvalidArgumentError" });
  const edges = net.trustEdges("2025-11-01");
  const i = edges.a.findIndex((a, j) => edges.ids[a] === "e-mette" && edges.ids[edges.b[j]] === "v-grethe");
  assert.equal(edges.a_trusts_b[i], net.trustValue("e-mette", "v-grethe", "2025-11-01"));
  assert.equal(edges.mutual[i], Math.min(edges.a_trusts_b[i], edges.b_trusts_a[i]));
  assert.ok(net.crossUnit("2025-11-01").links.length > 0);
  assert.equal(net.crossUnit("2025-11-01", "2024-01-01").earlier, "2024-01-01");
  assert.equal(net.initiativeHealth("ini-jobmesse", "2025-11-01").rests_on, "v-ahmad");
  const report = net.report("2025-01-01", "2025-07-01");
  assert.ok(report.current.interactions > 0);
  assert.match(net.reportText("2025-01-01", "2025-07-01", "da"), /kontakter i alt/);
  assert.match(net.reportText("2025-01-01", "2025-07-01", "en"), /contacts in all/);
  assert.equal(typeof samskab.version(), "string");
  // The floor of a tie's length, as Python's MIN_TIE_LENGTH: the one in core.
  assert.equal(samskab.minTieLength(), 1e-6);
  assert.ok(edges.length.every((l, j) => {
    const want = Math.max(-Math.log(edges.mutual[j]), samskab.minTieLength());
    return l === want || Math.abs(l - want) <= 1e-12 * want; // a tie of no trust is endless
  }));
});

test("documents of any characters read whole, however long", () => {
  // Text of one, two, three and four bytes a character in UTF-8 (a lone
  // surrogate becomes U+FFFD): a document is read into the module in rounds
  // until every character is in.
  const names = ["Søren Ærø", "日本語の名前", "🌻 Havnsø 🌊", "x".repeat(100_000) + "é", "é".repeat(50_000)];
  const doc = {
    format: "samskab",
    version: 1,
    actors: names.map((name, i) => ({ id: `a-${i}`, kind: "volunteer", name })),
    interactions: [],
  };
  const net = Network.fromJson(JSON.stringify(doc));
  names.forEach((name, i) => assert.equal(net.actor(`a-${i}`).name, name));
  const csv = net.toCsv();
  const back = Network.fromCsv(csv.actors, csv.interactions);
  assert.equal(back.actor("a-2").name, names[2]);
  // JSON escapes a lone surrogate (and the reader refuses it); raw text has it.
  assert.equal(Network.fromCsv("id;kind;name\nx;volunteer;a\uD800b\n").actor("x").name, "a\uFFFDb");
  assert.throws(() => Network.fromJson(42), { name: "InvalidArgumentError" });
  assert.throws(() => Network.fromCsv("id;kind\nx;volunteer\n", 7), { name: "InvalidArgumentError" });
});

test("add, change and remove", () => {
  const net = new Network();
  net.addActor({ id: "u-job", kind: "unit" });
  net.addActor({ id: "e-tove", kind: "employee", member_of: ["u-job"] });
  net.addActor({ id: "v-inge", kind: "volunteer" });
  const key = net.addInteraction({ id: "x1", at: "2024-01-09", participants: ["v-inge", "e-tove"], kind: "informal" });
  net.updateInteraction("x1", { id: "x1", at: "2024-01-10", participants: ["v-inge", "e-tove"], kind: "meeting" });
  assert.equal(net.interactions()[0].kind, "meeting");
  assert.equal(net.interactions()[0].key, key);
  net.addInitiative({ id: "ini", name: "Lektiehjælp", status: "active", participants: [{ actor: "v-inge", role: "lead" }] });
  net.updateActor("v-inge", { name: "Inge" });
  assert.equal(net.actor("v-inge").name, "Inge");
  assert.equal(net.actor("nobody"), undefined);
  assert.equal(net.removeInteraction(key).id, "x1");
  net.removeInitiative("ini");
  assert.equal(net.removeActor("v-inge").id, "v-inge");
  net.setScoring({ half_life_days: 90 });
  assert.equal(net.scoring().half_life_days, 90);
  const erased = egebaek().erase("v-grethe");
  assert.ok(erased.interactions_removed > 0);
});

const NAMES = ["ParseError", "ValidationError", "NewerVersionError", "UnknownActorError", "UnknownInteractionError", "UnknownInitiativeError", "InvalidArgumentError", "LimitError", "IoError"];

test("errors are Error objects whose name tells the variant", () => {
  const scenario = (n) => readFileSync(new URL(`testdata/scenarios/${n}`, repo), "utf8");
  const cases = [
    [() => Network.fromJson("{"), "ParseError"],
    [() => Network.fromJson(scenario("invalid-newer-version.json")), "NewerVersionError"],
    [() => Network.fromJson(scenario("invalid-typo-field.json")), "ValidationError"],
    [() => egebaek().trust("nobody", "e-mette", "2025-01-01"), "UnknownActorError"],
    [() => egebaek().removeInteraction("nope"), "UnknownInteractionError"],
    [() => egebaek().initiativeHealth("nope", "2025-01-01"), "UnknownInitiativeError"],
    [() => egebaek().paths("v-maja", "u-job", "2025-01-01", 0), "InvalidArgumentError"],
  ];
  for (const [call, name] of cases) {
    try {
      call();
      assert.fail(`${name} expected`);
    } catch (e) {
      assert.ok(e instanceof Error, `${name}: thrown ${typeof e}`);
      assert.equal(e.name, name);
      assert.ok(Array.isArray(e.problems));
    }
  }
  try {
    Network.fromJson(scenario("invalid-typo-field.json"));
  } catch (e) {
    assert.ok(e.problems.some((p) => p.place === "interactions[1]" && p.message.includes("did you mean \"participants\"")));
  }
});

test("garbage into every function throws an Error, and the module still answers", () => {
  const net = egebaek();
  const garbage = [undefined, null, 0, -1, 1e300, NaN, "", "x".repeat(10000), "\u0000", [], ["a"], {}, { a: 1 },
    new Date(NaN), new Date(0), true, Symbol("s"), () => 0, 2n, new Uint8Array(3)];
  const methods = Object.getOwnPropertyNames(Network.prototype).filter((m) => m !== "constructor" && m !== "free" && !m.startsWith("__"));
  let calls = 0;
  for (const m of methods) {
    for (const g of garbage) {
      for (const position of [0, 1, 2, 3]) {
        const args = ["v-grethe", "e-mette", "2025-11-01", 3];
        args[position] = g;
        try {
          net[m](...args);
        } catch (e) {
          assert.ok(e instanceof Error, `${m}: threw ${String(e)}`);
          assert.ok(NAMES.includes(e.name) || e.name === "TypeError" || e.name === "Error", `${m}: ${e.name}`);
        }
        calls += 1;
      }
    }
  }
  for (const g of garbage) {
    for (const call of [() => Network.fromJson(g), () => net.addActor(g), () => net.addInteraction(g), () => net.setScoring(g)]) {
      try { call(); } catch (e) { assert.ok(e instanceof Error); }
    }
  }
  assert.ok(calls > 100);
  // Still alive: a panic would have left the module unusable.
  assert.ok(egebaek().trustValue("v-grethe", "e-mette", "2025-11-01") > 0.9);
  assert.ok(net.counts().actors > 0);
  assert.ok(egebaek().paths("v-maja", "u-job", "2025-11-01", 3).length > 0);
});

test("spreadsheets, graph exports, pseudonyms and retention take and return strings", () => {
  const net = egebaek();
  const files = net.toCsv();
  assert.ok(files.actors.startsWith("\ufeffid;kind"));
  const back = Network.fromCsv(files.actors, files.interactions, files.initiatives);
  assert.deepEqual(back.toCsv(), files);
  assert.equal(Network.fromCsv("id;kind\nx;volunteer\n").counts().actors, 1);
  try {
    Network.fromCsv("id;kind\nx;wizard\n");
    assert.fail("refused");
  } catch (e) {
    assert.equal(e.name, "ValidationError");
    assert.equal(e.problems[0].place, "actors.csv:2:2");
  }
  assert.match(net.toGraphml("2025-11-01"), /<graphml/);
  assert.match(net.toGexf("2025-11-01"), /<spell start=/);
  assert.equal(net.toCytoscape("2025-11-01").elements.nodes.length, 54);
  const copy = net.pseudonymised("municipal secret 2025");
  assert.ok(!copy.toJson().includes("Grethe"));
  assert.equal(copy.toJson(), net.pseudonymised(new TextEncoder().encode("municipal secret 2025")).toJson());
  assert.ok(net.purgeBefore("2024-07-01").interactions_removed > 0);
});

test("spreadsheet bytes in any encoding a spreadsheet program writes", () => {
  const text = "id;kind;name\nv-1;volunteer;Søren\ne-1;employee;Åse\n";
  const cp1252 = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
  const utf8 = new TextEncoder().encode(text);
  const header = new TextEncoder().encode("at;participants;kind\n");
  for (const bytes of [cp1252, utf8]) {
    assert.equal(Network.fromCsvBytes(bytes, header).actor("v-1").name, "Søren");
  }
  assert.throws(() => Network.fromCsvBytes(Uint8Array.from([0x69, 0x64, 0x0a, 0x81]), header), (e) => e.name === "ValidationError" && e.problems[0].place === "actors.csv:2:1");
});
