export * from "./samskab.js";
import * as samskab from "./samskab.js";
declare const module: typeof samskab;
export default module;
