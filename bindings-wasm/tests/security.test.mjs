// Issue #24 as an intranet page meets it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Network } from "../pkg/node.mjs";

const repo = new URL("../../", import.meta.url);
const load = (name) => Network.fromJson(readFileSync(new URL(`examples/data/${name}.json`, repo), "utf8"));

test("pseudonymised copies keep less by default, and say how identifying they are", () => {
  const net = load("egebaek");
  const copy = net.pseudonymised("municipal secret 2025");
  for (const a of copy.actors()) {
    assert.equal(a.id.length, 66);
    assert.equal(a.tags, undefined);
    assert.equal(a.area, undefined);
  }
  assert.ok(copy.interactions().every((x) => x.at.length === 10));
  const risk = copy.reidentificationRisk();
  assert.equal(Object.values(risk.group_sizes).reduce((a, b) => a + b, 0), risk.actors);
  const exact = net.pseudonymised("municipal secret 2025", { time: "exact", minKindCount: 1, keepAreas: true, keepTags: true, keepOutcomeLabels: true });
  assert.equal(exact.keyPeople("2025-11-01").length, net.keyPeople("2025-11-01").length);
  for (const weak of [new Uint8Array(16), "abababababababab", "short"]) {
    assert.throws(() => net.pseudonymised(weak), { name: "InvalidArgumentError" });
  }
  assert.throws(() => net.pseudonymised("municipal secret 2025", { time: "hourly" }), { name: "InvalidArgumentError" });
});

test("messages name the place, never a person", () => {
  const net = load("skovlund");
  assert.throws(() => net.trust("Grethe Lauridsen", "e-tove", "2024-06-01"), (e) => e.name === "UnknownActorError" && !e.message.includes("Grethe"));
  assert.throws(() => Network.fromCsv("Grethe Lauridsen;volunteer;grethe@egebaek.dk\n"), (e) => !JSON.stringify([e.message, e.problems]).includes("Grethe"));
});

test("leap seconds and year 0 are refused at the door", () => {
  const net = load("skovlund");
  for (const bad of ["2016-12-31T23:59:60Z", "0000-01-01", "0001-01-01"]) {
    assert.throws(() => net.ties(bad), { name: "InvalidArgumentError" });
  }
});

test("spreadsheet cells that would run are neutralised and read back", () => {
  const net = new Network();
  net.addActor({ id: "a-1", kind: "citizen", name: "=HYPERLINK(\"http://x\",\"y\")", tags: ["\t=1+1"] });
  net.addActor({ id: "a-2", kind: "citizen", name: " padded " });
  const files = net.toCsv();
  assert.ok(!files.actors.split(/[\n;]/).some((cell) => /^[=+\-@\t\r]/.test(cell)));
  assert.equal(Network.fromCsv(files.actors, files.interactions, files.initiatives).toJson(), net.toJson());
});

test("mentions list the places to review before erasing", () => {
  const net = load("skovlund");
  net.addInteraction({ at: "2024-05-01", participants: ["e-tove", "e-lars"], kind: "call", note: "Inge Dal ringede" });
  const found = net.mentions("v-inge");
  assert.ok(found.some((m) => m.place.endsWith(".note") && m.matched === "name"));
  assert.ok(!JSON.stringify(found).includes("ringede"));
});

test("a key named twice in a document is refused", () => {
  assert.throws(() => Network.fromJson('{"format":"samskab","version":1,"actors":[{"id":"a-1","kind":"citizen"}],"actors":[]}'), (e) => e.name === "ValidationError" && e.problems[0].place === "document");
});
