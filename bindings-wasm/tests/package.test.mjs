// The package as an npm user imports it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import samskab, { Network } from "../pkg/node.mjs";

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
