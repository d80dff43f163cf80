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
    println!("    soon after the last one {:+6.1}", c.spacing);
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
    let all: Vec<_> = net.interactions().collect();
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
    println!("\n== A way in (N5): Maja is new; who can bring her to the job centre?\n");
    for w in net.paths("v-maja", "u-job", as_of, 3)? {
        let names: Vec<&str> = w.actors.iter().map(|a| name(&net, a)).collect();
        let ask = w
            .introducer
            .as_deref()
            .map(|i| format!("ask {} for the introduction", name(&net, i)))
            .unwrap_or_else(|| "they know each other".into());
        println!("  {:.2}  {}  ({ask})", w.trust, names.join(" → "));
    }

    println!("\n== Key people (N4): who would take others' only way in with them?\n");
    for k in net.key_people(as_of).iter().take(5) {
        let orphans: Vec<&str> = k.orphans.iter().map(|o| name(&net, o)).collect();
        let groups: Vec<&str> = k.orphaned_groups.iter().map(|o| name(&net, o)).collect();
        println!(
            "  {} ({}): {} people and {} groups lose their way in",
            name(&net, &k.actor),
            k.sector,
            orphans.len(),
            groups.len()
        );
        println!("      people: {}", orphans.join(", "));
        println!("      groups: {}", groups.join(", "));
        let hand: Vec<String> = k
            .handover
            .iter()
            .filter(|h| h.carries_orphans)
            .map(|h| format!("{} ({:.2})", name(&net, &h.actor), h.trust))
            .collect();
        println!("      handover first: {}", hand.join(", "));
    }
    println!("\n  A year earlier, before Per Lund left:");
    for k in net
        .key_people("2024-11-01".parse()?)
        .iter()
        .filter(|k| k.actor == "e-per")
    {
        let orphans: Vec<&str> = k.orphans.iter().map(|o| name(&net, o)).collect();
        println!(
            "  {} was the only way in for {}",
            name(&net, &k.actor),
            orphans.join(", ")
        );
    }

    println!("\n== Relationships going cold (N2)\n");
    for c in net.neglected(as_of).iter().take(6) {
        let stake = if c.at_stake.is_empty() {
            String::new()
        } else {
            let names: Vec<&str> = c.at_stake.iter().map(|a| name(&net, a)).collect();
            format!("; only way in for {}", names.join(", "))
        };
        println!(
            "  {:<8} {} – {}: trust {:.2} (peak {:.2}), {} days quiet; {} should reach out{stake}",
            format!("{:?}", c.state).to_lowercase(),
            name(&net, &c.a),
            name(&net, &c.b),
            c.trust_now,
            c.peak_trust,
            c.days_since_contact,
            name(&net, &c.reach_out),
        );
    }

    println!(
        "\n== Coverage (N1, N4): does every association and community have a trusted way in?\n"
    );
    for c in net.coverage(as_of) {
        let contacts: Vec<String> = c
            .contacts
            .iter()
            .map(|a| {
                format!(
                    "{}{} {:.2}",
                    name(&net, &a.actor),
                    if a.present { "" } else { " (left)" },
                    a.trust
                )
            })
            .collect();
        let best = c
            .best_tie
            .as_ref()
            .map(|b| {
                format!(
                    "{} – {} {:.2}",
                    name(&net, &b.member),
                    name(&net, &b.municipal),
                    b.trust
                )
            })
            .unwrap_or_else(|| "none".into());
        println!(
            "  {:<28} {:<10} contact: {:<28} best tie: {best}",
            name(&net, &c.group),
            format!("{:?}", c.status).to_lowercase(),
            if contacts.is_empty() {
                "none".into()
            } else {
                contacts.join(", ")
            },
        );
    }

    println!("\n== Brokers (N7): who sits between others on the most trusted routes?\n");
    for b in net.brokers(as_of).iter().take(5) {
        let bridges: Vec<String> = b
            .bridging_ties
            .iter()
            .map(|t| format!("{} ({})", name(&net, &t.other), t.other_sector))
            .collect();
        println!(
            "  {:<20} betweenness {:.3}  bridges to {}",
            name(&net, &b.actor),
            b.normalized,
            bridges.join(", ")
        );
    }

    println!("\n== The internal view (N8): units joined by trusted ties\n");
    let view = net.cross_unit(as_of);
    for l in &view.links {
        println!(
            "  {} – {}: {} trusted ties (a year ago {})",
            name(&net, &l.a),
            name(&net, &l.b),
            l.trusted_ties,
            l.trusted_ties_before
        );
    }
    for u in view.units.iter().filter(|u| u.silo) {
        println!("  silo: {} ({} people)", name(&net, &u.unit), u.people);
    }
    println!(
        "  {} communities of trust; agreement with the formal units {:.2}",
        view.communities.len(),
        view.agreement
    );

    println!("\n== Initiatives (N9)\n");
    for ini in net.initiatives() {
        let h = net.initiative_health(&ini.id, as_of)?;
        let rests = match (&h.rests_on, h.connected) {
            (_, false) => "no trusted tie into the municipality".to_owned(),
            (Some(r), true) => format!("rests on {}", name(&net, r)),
            (None, true) => format!("{} hold its ties into the municipality", h.holders.len()),
        };
        println!(
            "  {:<34} {:<9} {} people, {}",
            h.name,
            h.status,
            h.people.len(),
            rests
        );
    }

    println!("\n== The value report (N3), first half of 2025\n");
    let report = net.report("2025-01-01".parse()?, "2025-07-01".parse()?)?;
    for line in report.to_text("da")?.lines() {
        println!("  {line}");
    }

    println!("\n== Erasure (N11): Grethe asks to be forgotten\n");
    let mut copy = net.clone();
    let erased = copy.erase("v-grethe")?;
    println!(
        "  {} interactions removed, {} group interactions changed, {} notes dropped, {} initiatives changed",
        erased.interactions_removed, erased.interactions_changed, erased.notes_dropped, erased.initiatives_changed
    );
    println!(
        "  her name left in the document: {}",
        copy.to_json().contains("Grethe")
    );

    Ok(())
}
