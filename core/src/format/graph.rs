//! Exports for graph tools: GraphML and GEXF (Gephi, networkx, yEd) and
//! Cytoscape.js JSON for web pages.

use std::fmt::Write as _;
use std::io::Write;

use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::model::{ActorKind, Network};
use crate::scoring::TieStats;
use crate::time::Moment;

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all (its Char production:
            // tab, newline, return, U+0020–U+D7FF, U+E000–U+FFFD and
            // above U+FFFF) become the replacement character, so that every
            // export parses whatever the data holds.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// One node's attributes, as every export writes them.
struct Node {
    id: String,
    label: String,
    kind: &'static str,
    sector: &'static str,
    area: String,
    unit: String,
    start: Option<String>,
    end: Option<String>,
}

fn nodes(net: &Network) -> Vec<Node> {
    net.actors()
        .into_iter()
        .map(|a| Node {
            id: a.id.clone(),
            label: a.name.clone().unwrap_or_else(|| a.id.clone()),
            kind: a.kind.as_str(),
            sector: a.sector().as_str(),
            area: a.area.clone().unwrap_or_default(),
            unit: a
                .member_of
                .iter()
                .find(|g| net.actor(g).is_some_and(|u| u.kind == ActorKind::Unit))
                .cloned()
                .unwrap_or_default(),
            start: a.joined.map(|d| d.to_string()),
            end: a.left.map(|d| d.to_string()),
        })
        .collect()
}

fn mutual(t: &TieStats) -> f64 {
    t.trust_ab.min(t.trust_ba)
}

fn day(m: Option<Moment>) -> String {
    m.map(|m| m.date().to_string()).unwrap_or_default()
}

fn write_all(mut w: impl Write, text: &str) -> Result<()> {
    w.write_all(text.as_bytes())
        .and_then(|_| w.flush())
        .map_err(|source| Error::Io {
            operation: "writing",
            path: "the export".into(),
            source,
        })
}

impl Network {
    /// GraphML of the network as of `as_of`: actors with `label`, `kind`,
    /// `sector`, `area` and `unit`; one undirected edge per tie with contact
    /// by then, with mutual `trust`, `trust_ab` (source in target),
    /// `trust_ba` and contact counts.
    pub fn to_graphml_string(&self, as_of: Moment) -> String {
        let mut s = String::from(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        ));
        for (id, target, name, ty) in [
            ("label", "node", "label", "string"),
            ("kind", "node", "kind", "string"),
            ("sector", "node", "sector", "string"),
            ("area", "node", "area", "string"),
            ("unit", "node", "unit", "string"),
            ("trust", "edge", "trust", "double"),
            ("trust_ab", "edge", "trust_ab", "double"),
            ("trust_ba", "edge", "trust_ba", "double"),
            ("interactions", "edge", "interactions", "int"),
            ("formal", "edge", "formal", "int"),
            ("informal", "edge", "informal", "int"),
            ("first_contact", "edge", "first_contact", "string"),
            ("last_contact", "edge", "last_contact", "string"),
        ] {
            let _ = writeln!(
                s,
                "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
            );
        }
        s.push_str("  <graph id=\"samskab\" edgedefault=\"undirected\">\n");
        for n in nodes(self) {
            let _ = writeln!(s, "    <node id=\"{}\">", xml(&n.id));
            for (k, v) in [
                ("label", &n.label),
                ("kind", &n.kind.to_owned()),
                ("sector", &n.sector.to_owned()),
                ("area", &n.area),
                ("unit", &n.unit),
            ] {
                if !v.is_empty() {
                    let _ = writeln!(s, "      <data key=\"{k}\">{}</data>", xml(v));
                }
            }
            s.push_str("    </node>\n");
        }
        for (i, t) in self.ties(as_of).iter().enumerate() {
            let _ = writeln!(
                s,
                "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
                xml(&t.a),
                xml(&t.b)
            );
            let _ = writeln!(s, "      <data key=\"trust\">{}</data>", mutual(t));
            let _ = writeln!(s, "      <data key=\"trust_ab\">{}</data>", t.trust_ab);
            let _ = writeln!(s, "      <data key=\"trust_ba\">{}</data>", t.trust_ba);
            let _ = writeln!(
                s,
                "      <data key=\"interactions\">{}</data>",
                t.interactions
            );
            let _ = writeln!(s, "      <data key=\"formal\">{}</data>", t.formal);
            let _ = writeln!(s, "      <data key=\"informal\">{}</data>", t.informal);
            let _ = writeln!(
                s,
                "      <data key=\"first_contact\">{}</data>",
                day(t.first_contact)
            );
            let _ = writeln!(
                s,
                "      <data key=\"last_contact\">{}</data>",
                day(t.last_contact)
            );
            s.push_str("    </edge>\n");
        }
        s.push_str("  </graph>\n</graphml>\n");
        s
    }

    /// Writes [`Network::to_graphml_string`] to `writer`.
    pub fn to_graphml(&self, writer: impl Write, as_of: Moment) -> Result<()> {
        write_all(writer, &self.to_graphml_string(as_of))
    }

    /// GEXF 1.2 of the network as of `as_of`, with the same attributes as
    /// GraphML, and time: each tie lives from its first to its last contact
    /// and each actor from joining to leaving, as spells, so Gephi's
    /// timeline shows the network grow and thin.
    pub fn to_gexf_string(&self, as_of: Moment) -> String {
        let mut s = String::from(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
            "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n",
            "  <meta><creator>samskab</creator></meta>\n",
            "  <graph mode=\"dynamic\" defaultedgetype=\"undirected\" timeformat=\"date\">\n",
            "    <attributes class=\"node\">\n",
            "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n",
            "      <attribute id=\"sector\" title=\"sector\" type=\"string\"/>\n",
            "      <attribute id=\"area\" title=\"area\" type=\"string\"/>\n",
            "      <attribute id=\"unit\" title=\"unit\" type=\"string\"/>\n",
            "    </attributes>\n",
            "    <attributes class=\"edge\">\n",
            "      <attribute id=\"trust\" title=\"trust\" type=\"double\"/>\n",
            "      <attribute id=\"trust_ab\" title=\"trust_ab\" type=\"double\"/>\n",
            "      <attribute id=\"trust_ba\" title=\"trust_ba\" type=\"double\"/>\n",
            "      <attribute id=\"interactions\" title=\"interactions\" type=\"integer\"/>\n",
            "      <attribute id=\"formal\" title=\"formal\" type=\"integer\"/>\n",
            "      <attribute id=\"informal\" title=\"informal\" type=\"integer\"/>\n",
            "    </attributes>\n",
            "    <nodes>\n",
        ));
        for n in nodes(self) {
            let _ = writeln!(
                s,
                "      <node id=\"{}\" label=\"{}\">",
                xml(&n.id),
                xml(&n.label)
            );
            s.push_str("        <attvalues>\n");
            for (k, v) in [
                ("kind", n.kind),
                ("sector", n.sector),
                ("area", n.area.as_str()),
                ("unit", n.unit.as_str()),
            ] {
                if !v.is_empty() {
                    let _ = writeln!(s, "          <attvalue for=\"{k}\" value=\"{}\"/>", xml(v));
                }
            }
            s.push_str("        </attvalues>\n");
            if n.start.is_some() || n.end.is_some() {
                let mut spell = String::from("          <spell");
                if let Some(start) = &n.start {
                    let _ = write!(spell, " start=\"{start}\"");
                }
                if let Some(end) = &n.end {
                    let _ = write!(spell, " end=\"{end}\"");
                }
                let _ = writeln!(s, "        <spells>\n{spell}/>\n        </spells>");
            }
            s.push_str("      </node>\n");
        }
        s.push_str("    </nodes>\n    <edges>\n");
        for (i, t) in self.ties(as_of).iter().enumerate() {
            let _ = writeln!(
                s,
                "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" weight=\"{}\">",
                xml(&t.a),
                xml(&t.b),
                mutual(t)
            );
            s.push_str("        <attvalues>\n");
            for (k, v) in [
                ("trust", mutual(t)),
                ("trust_ab", t.trust_ab),
                ("trust_ba", t.trust_ba),
            ] {
                let _ = writeln!(s, "          <attvalue for=\"{k}\" value=\"{v}\"/>");
            }
            for (k, v) in [
                ("interactions", t.interactions),
                ("formal", t.formal),
                ("informal", t.informal),
            ] {
                let _ = writeln!(s, "          <attvalue for=\"{k}\" value=\"{v}\"/>");
            }
            s.push_str("        </attvalues>\n");
            let _ = writeln!(
                s,
                "        <spells>\n          <spell start=\"{}\" end=\"{}\"/>\n        </spells>",
                day(t.first_contact),
                day(t.last_contact)
            );
            s.push_str("      </edge>\n");
        }
        s.push_str("    </edges>\n  </graph>\n</gexf>\n");
        s
    }

    /// Writes [`Network::to_gexf_string`] to `writer`.
    pub fn to_gexf(&self, writer: impl Write, as_of: Moment) -> Result<()> {
        write_all(writer, &self.to_gexf_string(as_of))
    }

    /// Cytoscape.js elements for a web page: `{"elements": {"nodes": [...],
    /// "edges": [...]}}`, each with its attributes under `data`.
    pub fn to_cytoscape(&self, as_of: Moment) -> Value {
        let nodes: Vec<Value> = nodes(self)
            .into_iter()
            .map(|n| {
                json!({"data": {"id": n.id, "label": n.label, "kind": n.kind, "sector": n.sector,
                    "area": n.area, "unit": n.unit}})
            })
            .collect();
        let edges: Vec<Value> = self
            .ties(as_of)
            .iter()
            .map(|t| {
                json!({"data": {"id": format!("{}|{}", t.a, t.b), "source": t.a, "target": t.b,
                    "trust": mutual(t), "trust_ab": t.trust_ab, "trust_ba": t.trust_ba,
                    "interactions": t.interactions, "first_contact": day(t.first_contact),
                    "last_contact": day(t.last_contact)}})
            })
            .collect();
        json!({"elements": {"nodes": nodes, "edges": edges}})
    }
}
