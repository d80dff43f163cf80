// The same few questions a new user asks, through the installed npm package.
import samskab, { Network, example } from "samskab";

const net = example("egebaek");
const asOf = "2025-11-01";
const t = net.trust("v-grethe", "e-mette", asOf);
if (!(t.value > 0.9)) throw new Error(`trust ${t.value}`);
if (net.paths("v-maja", "u-job", asOf, 3)[0].introducer !== "v-ahmad") throw new Error("paths");
if (!net.reportText("2025-01-01", "2025-07-01", "da").includes("Egebæk")) throw new Error("report");
if (samskab.Network !== Network) throw new Error("default export");
console.log(`${process.argv[2]}: samskab ${samskab.version()}: trust, paths and the report work`);
