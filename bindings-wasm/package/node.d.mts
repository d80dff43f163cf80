export * from "./samskab.js";
