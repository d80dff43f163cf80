//! The golden cases shared with Python and JavaScript: documents in,
//! expected answers out (`testdata/golden`).

use std::path::PathBuf;

use samskab::{Moment, Network};
use serde_json::{json, Value};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The answers to one case, in the shape every language compares.
fn answers(case: &Value) -> Value {
    let net = Network::load(repo().join(case["document"].as_str().unwrap())).unwrap();
    let as_of: Moment = case["as_of"].as_str().unwrap().parse().unwrap();
    let mut trust = Vec::new();
    for (a, b) in net.tie_pairs() {
        for (s, t) in [(a, b), (b, a)] {
            trust.push(
                json!({"source": s, "target": t, "value": net.trust_value(s, t, as_of).unwrap()}),
            );
        }
    }
    let paths: Vec<Value> = case["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let (s, t, k) = (
                q[0].as_str().unwrap(),
                q[1].as_str().unwrap(),
                q[2].as_u64().unwrap(),
            );
            let chains: Vec<Value> = net
                .paths(s, t, as_of, k as usize)
                .unwrap()
                .iter()
                .map(|w| json!({"actors": w.actors, "trust": w.trust}))
                .collect();
            json!({"source": s, "target": t, "k": k, "chains": chains})
        })
        .collect();
    let key_people: Vec<Value> = net
        .key_people(as_of)
        .iter()
        .map(|k| json!({"actor": k.actor, "orphans": k.orphans, "orphaned_groups": k.orphaned_groups}))
        .collect();
    let neglected: Vec<Value> = net
        .neglected(as_of)
        .iter()
        .map(|c| json!({"a": c.a, "b": c.b, "state": c.state, "trust_now": c.trust_now}))
        .collect();
    let coverage: Vec<Value> = net
        .coverage(as_of)
        .iter()
        .map(|c| json!({"group": c.group, "status": c.status}))
        .collect();
    let brokers: Vec<Value> = net
        .brokers(as_of)
        .iter()
        .map(|b| json!({"actor": b.actor, "betweenness": b.betweenness}))
        .collect();
    // A sample of five sources drawn from seed 3: the same draw in every language.
    let sampled: Vec<Value> = net
        .brokers_with(
            as_of,
            &samskab::BrokerOptions {
                sources: Some(5),
                seed: 3,
            },
        )
        .unwrap()
        .iter()
        .map(|b| json!({"actor": b.actor, "betweenness": b.betweenness}))
        .collect();
    let period = case["report"].as_array().unwrap();
    let report = net
        .report(
            period[0].as_str().unwrap().parse().unwrap(),
            period[1].as_str().unwrap().parse().unwrap(),
        )
        .unwrap();
    let c = &report.current;
    json!({
        "name": case["name"],
        "trust": trust,
        "paths": paths,
        "key_people": key_people,
        "neglected": neglected,
        "coverage": coverage,
        "brokers": brokers,
        "brokers_sampled": sampled,
        "report": {
            "interactions": c.interactions,
            "informal": c.informal,
            "people_met": c.people_met,
            "new_ties": c.new_ties,
            "strengthened": c.strengthened,
            "weakened": c.weakened,
            "requests_asked": c.requests.asked,
            "requests_answered": c.requests.answered,
            "median_response_days": c.requests.median_response_days,
            "previous_interactions": report.previous.interactions,
        },
    })
}

/// Equal, with numbers compared to 1e-9.
fn same(a: &Value, b: &Value, place: &str) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            assert!((x - y).abs() <= 1e-9, "{place}: {x} != {y}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{place}: lengths differ");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                same(p, q, &format!("{place}[{i}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(
                x.keys().collect::<Vec<_>>(),
                y.keys().collect::<Vec<_>>(),
                "{place}: fields differ"
            );
            for (k, v) in x {
                same(v, &y[k], &format!("{place}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{place}"),
    }
}

#[test]
fn golden_cases_give_the_expected_answers() {
    let dir = repo().join("testdata/golden");
    let cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cases.json")).unwrap()).unwrap();
    let bless = std::env::var_os("SAMSKAB_BLESS").is_some();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let got = answers(case);
        let path = dir.join(format!("{name}.expected.json"));
        if bless {
            std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing: run with SAMSKAB_BLESS=1", path.display()));
        let expected: Value = serde_json::from_str(&text).unwrap();
        same(&got, &expected, name);
    }
}
