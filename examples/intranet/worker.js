// Holds the network and answers questions off the page's main thread, so a
// municipality-size network never freezes the page.
import init, { Network } from "./pkg/samskab.js";

let net = null;
const ready = init();

const handlers = {
  load: ({ text }) => {
    const next = Network.fromJson(text);
    if (net) net.free();
    net = next;
    return { counts: net.counts(), meta: net.meta(), actors: net.actors(), scoring: net.scoring() };
  },
  graph: ({ asOf }) => ({ ties: net.ties(asOf) }),
  actor: ({ id, asOf }) => {
    const ties = net.ties(asOf).filter((t) => t.a === id || t.b === id);
    return ties.map((t) => {
      const other = t.a === id ? t.b : t.a;
      return { other, stats: net.tieStats(id, other, asOf), trust: net.trust(id, other, asOf), back: net.trust(other, id, asOf) };
    });
  },
  paths: ({ source, target, asOf, k }) => net.paths(source, target, asOf, k),
  neglected: ({ asOf }) => net.neglected(asOf),
  keyPeople: ({ asOf }) => net.keyPeople(asOf),
  report: ({ start, end, lang }) => net.reportText(start, end, lang),
};

self.onmessage = async (event) => {
  const { id, op, args } = event.data;
  try {
    await ready;
    if (!net && op !== "load") throw Object.assign(new Error("no network loaded"), { name: "InvalidArgumentError" });
    self.postMessage({ id, ok: true, value: handlers[op](args) });
  } catch (e) {
    self.postMessage({ id, ok: false, error: { name: e.name, message: e.message, problems: e.problems || [] } });
  }
};
