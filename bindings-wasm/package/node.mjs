// The Node entry: the same ES module as in browsers, its WebAssembly read
// from disk and instantiated synchronously, so `import { Network } from
// "samskab"` (or `import samskab from "samskab"`) is ready to use.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as samskab from "./samskab.js";

/** A file of this package: beside this module, or, once a bundler has
 * moved the module, where Node resolves the package from here. */
function packageFile(name) {
  try {
    return readFileSync(new URL(`./${name}`, import.meta.url));
  } catch (e) {
    return readFileSync(createRequire(import.meta.url).resolve(`samskab/${name}`));
  }
}

samskab.initSync({ module: packageFile("samskab_bg.wasm") });

const EXAMPLES = ["egebaek", "skovlund"];

/** A bundled example network: "egebaek" (Egebæk Kommune, 54 actors, 2023–2025)
 * or "skovlund" (9 actors). In a browser, fetch `samskab/examples/NAME.json`. */
export function example(name = "egebaek") {
  if (!EXAMPLES.includes(name)) {
    const e = new Error(`invalid argument name: must be one of ${EXAMPLES.join(", ")}`);
    e.name = "InvalidArgumentError";
    e.problems = [];
    throw e;
  }
  return samskab.Network.fromJson(packageFile(`examples/${name}.json`).toString("utf8"));
}

export * from "./samskab.js";
export default { ...samskab, example };
