fn main() -> Result<(), samskab::Error> {
    let net = samskab::Network::load("examples/data/egebaek.json")?;
    let as_of: samskab::Moment = "2025-11-01".parse()?;
    for k in net.key_people(as_of).iter().take(6) {
        println!(
            "KEY {} {:?} orphans {:?} groups {:?} handover {:?}",
            k.actor,
            k.sector,
            k.orphans,
            k.orphaned_groups,
            k.handover
                .iter()
                .map(|h| (&h.actor, (h.trust * 100.0).round(), h.carries_orphans))
                .collect::<Vec<_>>()
        );
    }
    for k in net.key_people("2025-01-01".parse()?).iter().take(4) {
        println!(
            "KEY@2025-01 {} orphans {:?} groups {:?}",
            k.actor, k.orphans, k.orphaned_groups
        );
    }
    for c in net.neglected(as_of).iter().take(8) {
        println!(
            "COLD {} {} {:?} peak {:.2} now {:.2} last {} reach {} stake {:?}",
            c.a, c.b, c.state, c.peak_trust, c.trust_now, c.last_contact, c.reach_out, c.at_stake
        );
    }
    for c in net.coverage(as_of) {
        println!(
            "COV {} {:?} contacts {:?} best {:?}",
            c.group,
            c.status,
            c.contacts
                .iter()
                .map(|a| (&a.actor, a.present, (a.trust * 100.0).round()))
                .collect::<Vec<_>>(),
            c.best_tie
                .as_ref()
                .map(|b| (&b.member, &b.municipal, (b.trust * 100.0).round()))
        );
    }
    for b in net.brokers(as_of).iter().take(6) {
        println!(
            "BROKER {} {:.1} {:.3} bridging {}",
            b.actor,
            b.betweenness,
            b.normalized,
            b.bridging_ties.len()
        );
    }
    let cu = net.cross_unit(as_of);
    for u in &cu.units {
        println!("UNIT {:?}", u);
    }
    for l in &cu.links {
        println!("LINK {:?}", l);
    }
    for c in &cu.communities {
        println!("COMM {:?}", c);
    }
    println!("agreement {:.3}", cu.agreement);
    for i in ["ini-sommerfest", "ini-beboerhus", "ini-jobmesse"] {
        let h = net.initiative_health(i, as_of)?;
        println!(
            "INI {} rests_on {:?} holders {:?} mean {:.2} pairs {}/{} req {:?}",
            i, h.rests_on, h.holders, h.mean_trust, h.trusted_pairs, h.pairs, h.requests
        );
    }
    let r = net.report("2025-01-01".parse()?, "2025-07-01".parse()?)?;
    println!("{}", r.to_text("da")?);
    println!("{}", r.to_text("en")?);
    Ok(())
}
