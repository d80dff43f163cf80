// Type-checked with `tsc --noEmit` in the tests: the declarations must let a
// user write this, and must reject what is wrong.
import init, { Network, isSamskabError, minTieLength, type Trust, type WayIn, type SamskabError, type Report } from "../pkg/samskab.js";

export async function main(text: string): Promise<number> {
  await init();
  const net: Network = Network.fromJson(text);
  const t: Trust = net.trust("v-grethe", "e-mette", new Date());
  const value: number = t.value + t.components.contact + t.top_interactions[0].evidence;
  const ways: WayIn[] = net.paths("v-maja", "u-job", "2025-11-01", 3, { maxHops: 3 });
  const who: string | null = ways[0].introducer;
  const report: Report = net.report("2025-01-01", "2025-07-01");
  const n: number = report.current.requests.asked + net.counts().actors + minTieLength();
  net.addActor({ id: "v-new", kind: "volunteer", tags: ["local-champion"] });
  const key: number = net.addInteraction({ at: "2025-01-01", participants: ["v-new", "e-mette"], kind: "informal" });
  net.removeInteraction(key);
  for (const k of net.keyPeople("2025-11-01")) {
    const orphans: string[] = k.orphans;
    void orphans;
  }
  const state: "active" | "cooling" | "dormant" | "lost" = net.neglected("2025-11-01")[0].state;
  try {
    net.trust("nobody", "e-mette", "2025-11-01");
  } catch (e) {
    const err = e as SamskabError;
    const places: string[] = err.problems.map((p) => p.place);
    void places;
    if (isSamskabError(e)) {
      const name: string = e.name;
      void name;
    }
  }
  // @ts-expect-error: an actor needs a kind from the closed list
  net.addActor({ id: "x", kind: "wizard" });
  void who; void state;
  return value + n;
}

export function exchange(net: Network): string {
  const files: { actors: string; interactions: string } = net.toCsv();
  const again: Network = Network.fromCsv(files.actors, files.interactions);
  const removed: number = again.purgeBefore("2024-01-01").interactions_removed + again.purgeBefore(new Date(0)).notes_removed;
  // Trailing parameters are optional, as the README writes the calls.
  const best: WayIn[] = net.paths("v-maja", "u-job", new Date()).concat(net.paths("v-maja", "u-job", new Date(), 3));
  void net.brokers("2025-11-01"); void net.crossUnit("2025-11-01"); void best;
  // @ts-expect-error: ids are strings
  net.trust(7, "e-mette", "2025-11-01");
  const copy: Network = net.pseudonymised("a key of sixteen bytes");
  const nodes: number = net.toCytoscape("2025-11-01").elements.nodes.length;
  return net.toGraphml("2025-11-01") + net.toGexf(new Date()) + copy.toJson() + removed + nodes;
}
