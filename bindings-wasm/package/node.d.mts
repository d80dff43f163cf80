export * from "./samskab.js";
import * as samskab from "./samskab.js";
/** A bundled example network: "egebaek" (Egebæk Kommune, 54 actors) or "skovlund" (9 actors). */
export function example(name?: "egebaek" | "skovlund"): samskab.Network;
declare const module: typeof samskab & { example: typeof example };
export default module;
