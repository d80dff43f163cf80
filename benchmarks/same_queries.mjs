// The same queries as benchmarks/same_queries.py, in WebAssembly under Node.
//
//     node benchmarks/same_queries.mjs DOCUMENT AS_OF PAIRS.json
//
// Prints one JSON object of seconds, each taken as same_queries.py takes it.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Network } from "../bindings-wasm/pkg/node.mjs";

const [path, asOf, pairsFile] = process.argv.slice(2);
const text = readFileSync(path, "utf8");
const pairs = JSON.parse(readFileSync(pairsFile, "utf8"));

// Best of `repeat` calls, after calling `fn` for `warmUp` seconds (at most
// 200 times) first: V8 swaps in optimised code only once a function has run
// a while. same_queries.py does the same.
function best(fn, repeat = 3, warmUp = 0) {
  const start = performance.now();
  for (let i = 0; i < 200 && performance.now() - start < warmUp * 1000; i++) {
    const r = fn();
    if (r && typeof r.free === "function") r.free();
  }
  let out = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    const r = fn();
    out = Math.min(out, (performance.now() - t) / 1000);
    if (r && typeof r.free === "function") r.free();
  }
  return out;
}

const times = { load: best(() => Network.fromJson(text), 5) };
const net = Network.fromJson(text);
let second = 0;
const two = (n) => String(n).padStart(2, "0");
const instant = () => {
  const s = second++;
  return `${asOf}T${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}Z`;
};
times["score every tie"] = best(() => { net.trustEdges(instant()); }, 10, 0.5);
net.keyPeople(asOf);
const unlimited = { maxHops: 1e6, minStepTrust: 0 };
times.paths = best(() => pairs.map(([a, b]) => net.paths(a, b, asOf, 1, unlimited)), 10, 0.5);
times["key people"] = best(() => { net.keyPeople(asOf); }, 10, 0.5);
times.brokers = best(() => { net.brokers(asOf); }, 1);
console.log(JSON.stringify(times));
