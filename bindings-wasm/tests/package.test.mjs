// The package as an npm user imports it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import samskab, { Network, example, isSamskabError } from "../pkg/node.mjs";

const pkg = JSON.parse(readFileSync(new URL("../pkg/package.json", import.meta.url), "utf8"));

test("Node has a default export with every name", () => {
  assert.equal(samskab.Network, Network);
  assert.equal(typeof samskab.version(), "string");
});

test("package.json ships its licences and keeps the Node entry's initialisation", () => {
  for (const f of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.ok(pkg.files.includes(f), f);
    readFileSync(new URL(`../pkg/${f}`, import.meta.url));
  }
  // "sideEffects": false let bundlers drop node.mjs's initSync.
  assert.deepEqual(pkg.sideEffects, ["./node.mjs"]);
  assert.equal(pkg.exports["./samskab_bg.wasm"], "./samskab_bg.wasm");
});

test("the examples and the format's specification ship with the package", () => {
  assert.equal(example().counts().actors, 54);
  assert.equal(example("skovlund").counts().actors, 9);
  assert.throws(() => example("atlantis"), { name: "InvalidArgumentError" });
  assert.ok(readFileSync(new URL("../pkg/format-v1.md", import.meta.url), "utf8").startsWith("# The samskab document format"));
  for (const f of ["format-v1.md", "examples/egebaek.json"]) assert.ok(pkg.files.includes(f), f);
});

test("a freed Network says so, and works with using", () => {
  const net = example("skovlund");
  net.free();
  assert.throws(() => net.counts(), (e) => e.name === "InvalidArgumentError" && e.message.startsWith("this Network was freed"));
  assert.equal(typeof Network.prototype[Symbol.dispose], "function");
});

test("purgeBefore takes a Date at midnight UTC as that day", () => {
  const net = example("skovlund");
  assert.ok(net.purgeBefore(new Date("2024-01-01T00:00:00Z")).interactions_removed > 0);
  assert.throws(() => net.purgeBefore(new Date("2024-01-01T10:00:00Z")), { name: "InvalidArgumentError" });
});

test("isSamskabError tells samskab's errors from others, for any value", () => {
  try {
    example("skovlund").trust("v-nobody", "e-tove", "2024-06-01");
    assert.fail("thrown");
  } catch (e) {
    assert.ok(isSamskabError(e));
  }
  for (const other of [new Error("x"), new TypeError("y"), null, undefined, 3, "ValidationError",
    new Proxy({}, { get() { throw new Error("trap"); } })]) {
    assert.equal(isSamskabError(other), false);
  }
});
