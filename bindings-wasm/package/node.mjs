// The Node entry: the same ES module as in browsers, its WebAssembly read
// from disk and instantiated synchronously, so `import { Network } from
// "samskab"` is ready to use.
import { readFileSync } from "node:fs";
import { initSync } from "./samskab.js";

initSync({ module: readFileSync(new URL("./samskab_bg.wasm", import.meta.url)) });

export * from "./samskab.js";
