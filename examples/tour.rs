//! A tour of samskab on the bundled example: Egebæk Kommune, a fictional
//! municipality, as of 1 November 2025.
//!
//! Run with `cargo run -p samskab --example tour` (or `scripts/tour`).
//! An optional argument names another format v1 file.

use std::collections::BTreeMap;

use samskab::{Moment, Network, Reason, Trust};

fn name<'a>(net: &'a Network, id: &'a str) -> &'a str {
    net.actor(id).and_then(|a| a.name.as_deref()).unwrap_or(id)
}

fn explain(net: &Network, t: &Trust) {
    let c = &t.components;
    println!(
        "  {} → {}: trust {:.2} (evidence {:.1} meeting-equivalents)",
        name(net, &t.source),
        name(net, &t.target),
        t.value,
        t.evidence
    );
    println!("    contact over time       {:+6.1}", c.contact);
    println!("    faded since             {:+6.1}", c.recency);
    println!(
        "    one-sided initiative    {:+6.1}   ({} takes {:.0}% of the initiative)",
        c.reciprocity,
        name(net, &t.target),
        100.0 * t.target_initiative_share
    );
    println!("    answers to requests     {:+6.1}", c.responsiveness);
    println!("    negative outcomes       {:+6.1}", c.negative);
    println!("    moved most by:");
    for x in &t.top_interactions {
        let why = match x.reason {
            Reason::Contact => "contact",
            Reason::Negative => "negative outcome",
            Reason::Answered => "request answered",
            Reason::Overdue => "request unanswered",
        };
        println!(
            "      {} {:<13} {:<18} {:+.2}",
            x.at.date(),
            x.kind.as_str(),
            why,
            x.evidence
        );
    }
}

fn main() -> Result<(), samskab::Error> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json").to_owned()
    });
    let net = Network::load(&path)?;
    let as_of: Moment = "2025-11-01".parse()?;
    let title = net
        .meta()
        .get("municipality")
        .and_then(|v| v.as_str())
        .unwrap_or("the network");

    println!("== {title}, as of {as_of}\n");
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for a in net.actors() {
        *kinds.entry(a.kind.as_str()).or_default() += 1;
    }
    let listed: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    println!("{} actors: {}", net.actor_count(), listed.join(", "));
    let all = net.interactions();
    let informal = all.iter().filter(|(_, x)| !x.formal()).count();
    if let (Some((_, first)), Some((_, last))) = (all.first(), all.last()) {
        println!(
            "{} interactions from {} to {} ({} informal), {} ties, {} initiatives\n",
            all.len(),
            first.at.date(),
            last.at.date(),
            informal,
            net.tie_count(),
            net.initiatives().len()
        );
    }

    println!("== The strongest relationships (trust both ways)\n");
    let mut ties = net.ties(as_of);
    ties.sort_by(|x, y| (y.trust_ab.min(y.trust_ba)).total_cmp(&x.trust_ab.min(x.trust_ba)));
    for t in ties.iter().take(8) {
        println!(
            "  {:<20} {:<20} {:.2} / {:.2}   {:>3} contacts, last {}",
            name(&net, &t.a),
            name(&net, &t.b),
            t.trust_ab,
            t.trust_ba,
            t.interactions,
            t.last_contact
                .map(|m| m.date().to_string())
                .unwrap_or_default()
        );
    }

    println!("\n== Why does Grethe trust Mette? (N1: trust is built by showing up)\n");
    explain(&net, &net.trust("v-grethe", "e-mette", as_of)?);
    println!("\n  Grethe's trust in Mette, quarter by quarter:");
    let mut line = String::new();
    for q in 0..12 {
        let when: Moment = format!("{}-{:02}-01", 2023 + q / 4, 1 + 3 * (q % 4)).parse()?;
        let v = net.trust_value("v-grethe", "e-mette", when)?;
        line.push_str(&format!(" {:.2}", v));
    }
    println!("   2023 Q1 → 2025 Q4:{line}");

    println!("\n== Trust is two-sided (N10) and answers matter (N6)\n");
    println!("  Who asked whom, how it was answered, and what it did to trust both ways:");
    for (asker, asked) in [
        ("v-grethe", "e-mette"),
        ("v-lise", "e-soren"),
        ("v-jens", "e-hanne"),
    ] {
        let stats = net.tie_stats(asker, asked, as_of)?;
        println!(
            "  {:<18} → {:<18} {} requests, {} answered, {} overdue, median answer {:<9}  trust {:.2} / back {:.2}",
            name(&net, asker),
            name(&net, asked),
            stats.requests,
            stats.answered,
            stats.overdue,
            stats
                .median_response_days
                .map(|d| format!("{d:.1} days"))
                .unwrap_or_else(|| "none".into()),
            stats.trust_ab,
            stats.trust_ba,
        );
    }

    println!("\n== A relationship going cold (N2): Kurt and Karin\n");
    for when in ["2024-01-01", "2024-06-01", "2025-01-01", "2025-11-01"] {
        let m: Moment = when.parse()?;
        println!(
            "  {when}: Kurt → Karin {:.2}",
            net.trust_value("v-kurt", "e-karin", m)?
        );
    }
    explain(&net, &net.trust("v-kurt", "e-karin", as_of)?);

    println!("\n== Time travel: the same question on two dates\n");
    for when in ["2024-01-01", "2025-11-01"] {
        let m: Moment = when.parse()?;
        println!(
            "  {when}: Jens → Per {:.2}, Jens → Nanna {:.2}",
            net.trust_value("v-jens", "e-per", m)?,
            net.trust_value("v-jens", "e-nanna", m)?
        );
    }
    if let Some(per) = net.actor("e-per") {
        if let Some(left) = per.left {
            println!(
                "  Per Lund left the municipality on {left}; nobody has taken over Havnsø yet."
            );
        }
    }
    Ok(())
}
