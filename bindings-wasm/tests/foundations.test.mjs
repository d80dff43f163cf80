// The defects of issue #23 as an intranet page met them: arguments that
// killed the module or broke a Network for good, and the rules the bindings
// used to decide for themselves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Network } from "../pkg/node.mjs";

const repo = new URL("../../", import.meta.url);
const load = (name) => Network.fromJson(readFileSync(new URL(`examples/data/${name}.json`, repo), "utf8"));

const nested = (depth) => {
  let y = 1;
  for (let i = 0; i < depth; i += 1) y = [y];
  return y;
};

/** `call` throws an Error named `name`, and `net` answers afterwards. */
function refusedAndAlive(net, call, name) {
  assert.throws(call, (e) => e instanceof Error && e.name === name && Array.isArray(e.problems));
  assert.ok(net.counts().actors > 0, "the Network still answers");
  assert.ok(net.trustValue("v-inge", "e-tove", "2024-06-01") >= 0);
}

test("nesting 10,000 deep is refused and the module lives", () => {
  // Found: RuntimeError: memory access out of bounds, every Network dead.
  const net = load("skovlund");
  const other = load("skovlund");
  // Deeper than the host's JSON.stringify goes, the argument cannot be read.
  refusedAndAlive(net, () => net.addActor({ id: "x", kind: "citizen", extra: { y: nested(10_000) } }), "InvalidArgumentError");
  // One limit on every way in: past 100 levels, refused as the core refuses them.
  for (const depth of [101, 126, 500]) {
    refusedAndAlive(net, () => net.addActor({ id: "x", kind: "citizen", extra: { y: nested(depth) } }), "ValidationError");
  }
  net.addActor({ id: "x", kind: "citizen", extra: { y: nested(100) } });
  // What was taken is written as a document the loader reads.
  assert.equal(Network.fromJson(net.toJson()).toJson(), net.toJson());
  assert.ok(other.counts().actors > 0);
});

test("an argument that throws, a Proxy or a cycle leaves the Network usable", () => {
  // Found: every later call failed with "recursive use of an object detected".
  const net = load("skovlund");
  const throwing = { id: "x", kind: "citizen", get name() { throw new Error("boom"); } };
  const trap = new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } });
  const cyclic = { id: "x", kind: "citizen", extra: {} };
  cyclic.extra.self = cyclic;
  for (const bad of [throwing, trap, cyclic]) {
    refusedAndAlive(net, () => net.addActor(bad), "InvalidArgumentError");
    refusedAndAlive(net, () => net.updateActor("v-inge", bad), "InvalidArgumentError");
    refusedAndAlive(net, () => net.addInteraction(bad), "InvalidArgumentError");
    refusedAndAlive(net, () => net.setScoring(bad), "InvalidArgumentError");
    refusedAndAlive(net, () => net.trust("v-inge", "e-tove", bad), "InvalidArgumentError");
    refusedAndAlive(net, () => net.pseudonymised(bad), "InvalidArgumentError");
  }
  const throwingOptions = { get sources() { throw new Error("boom"); }, get maxHops() { throw new Error("boom"); } };
  for (const bad of [throwingOptions, trap]) {
    refusedAndAlive(net, () => net.paths("v-inge", "e-tove", "2024-06-01", 3, bad), "InvalidArgumentError");
    refusedAndAlive(net, () => net.brokers("2024-06-01", bad), "InvalidArgumentError");
  }
  const badDate = new Proxy(new Date(0), { get() { throw new Error("trap"); } });
  refusedAndAlive(net, () => net.keyPeople(badDate), "InvalidArgumentError");
  assert.ok(net.paths("v-inge", "e-tove", "2024-06-01", 1).length >= 0);
});

test("updates merge in the core, as in Python", () => {
  // Found: updateActor replaced the whole record, Python merged.
  const net = load("skovlund");
  const before = net.actor("v-inge");
  net.updateActor("v-inge", { name: "Inge H." });
  const after = net.actor("v-inge");
  assert.equal(after.name, "Inge H.");
  assert.equal(after.kind, before.kind);
  assert.deepEqual(after.member_of, before.member_of);
  net.updateActor("v-inge", { name: null });
  assert.equal(net.actor("v-inge").name, undefined);
  assert.throws(() => net.updateActor("v-inge", { id: "v-other" }), { name: "InvalidArgumentError" });
  assert.throws(() => net.updateActor("nobody", { name: "x" }), { name: "UnknownActorError" });
});

test("numbers are read by the core: k above 2^31 means all, in every language", () => {
  const net = load("skovlund");
  const all = net.paths("v-inge", "e-tove", "2024-06-01", 2 ** 40);
  assert.deepEqual(all, net.paths("v-inge", "e-tove", "2024-06-01", 2 ** 31));
  for (const bad of [0, -1, 2.5, NaN]) {
    assert.throws(() => net.paths("v-inge", "e-tove", "2024-06-01", bad), (e) => e.name === "InvalidArgumentError" && e.message === "invalid argument k: must be a whole number of at least 1");
  }
  assert.throws(() => net.removeInteraction(1e300), (e) => e.name === "UnknownInteractionError" && e.message === 'unknown interaction "#out-of-range"');
  assert.throws(() => net.purgeBefore("2024-01-01T00:00:00Z"), (e) => e.message === "invalid argument date: must be a date (YYYY-MM-DD), not a date-time");
});

test("group meetings past the pair budget are a LimitError", () => {
  const people = Array.from({ length: 1000 }, (_, i) => `p${i}`);
  const doc = {
    format: "samskab", version: 1,
    actors: people.map((id) => ({ id, kind: "citizen" })),
    interactions: [0, 1, 2].map(() => ({ at: "2024-01-01", participants: people, kind: "meeting" })),
  };
  assert.throws(() => Network.fromJson(JSON.stringify(doc)), (e) => e.name === "LimitError" && e.message.startsWith("interactions[2].participants:"));
});

test("result fields have one naming rule: the core's names", () => {
  const net = load("egebaek");
  const edges = net.trustEdges("2025-11-01");
  for (const name of ["a_trusts_b", "b_trusts_a", "last_contact", "mutual", "length"]) assert.ok(name in edges, name);
  for (const name of ["aTrustsB", "bTrustsA", "lastContact"]) assert.ok(!(name in edges), name);
});
