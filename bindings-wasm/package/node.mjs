// The Node entry: the same ES module as in browsers, its WebAssembly read
// from disk and instantiated synchronously, so `import { Network } from
// "samskab"` (or `import samskab from "samskab"`) is ready to use.
import { readFileSync } from "node:fs";
import * as samskab from "./samskab.js";

samskab.initSync({ module: readFileSync(new URL("./samskab_bg.wasm", import.meta.url)) });

export * from "./samskab.js";
export default samskab;
