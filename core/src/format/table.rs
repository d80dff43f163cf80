//! Column tables of actors, ties and interactions, for data frames.
//!
//! A notebook wants a million tie scores as a few arrays, not a million
//! objects. These tables hold one vector per column; the bindings hand them
//! over as arrays (NumPy in Python) without a per-row object.

use std::collections::HashMap;

use serde::Serialize;

use crate::analysis::snapshot::Snapshot;
use crate::analysis::trust_length;
use crate::model::tie::{until, Event, Side};
use crate::model::Network;
use crate::scoring::{trust, EventCounts, Requests};
use crate::time::{Moment, MS_PER_DAY};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

/// Missing value in a [`Column::Time`] column.
pub const NO_TIME: i64 = i64::MIN;

/// One column of a [`Table`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "values", rename_all = "snake_case")]
pub enum Column {
    /// Free text; `None` where missing.
    Text(Vec<Option<String>>),
    /// Repeated words or ids: each row's index into `categories`, or
    /// `u32::MAX` where missing.
    Category {
        /// Row codes.
        codes: Vec<u32>,
        /// The distinct values, in order of first appearance.
        categories: Vec<String>,
    },
    /// Numbers; NaN where missing.
    Float(Vec<f64>),
    /// Counts.
    Int(Vec<i64>),
    /// Instants in milliseconds since 1970 UTC; [`NO_TIME`] where missing.
    Time(Vec<i64>),
    /// Yes or no.
    Bool(Vec<bool>),
}

impl Column {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::Category { codes, .. } => codes.len(),
            Column::Float(v) => v.len(),
            Column::Int(v) => v.len(),
            Column::Time(v) => v.len(),
            Column::Bool(v) => v.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Named columns of equal length.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Table {
    /// The columns in order.
    pub columns: Vec<(String, Column)>,
}

impl Table {
    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map(|(_, c)| c.len()).unwrap_or(0)
    }

    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|(n, _)| n == name).map(|(_, c)| c)
    }
}

/// Builds a category column value by value.
#[derive(Default)]
struct Categories {
    codes: Vec<u32>,
    categories: Vec<String>,
    index: HashMap<String, u32>,
}

impl Categories {
    fn push(&mut self, value: Option<&str>) {
        let code = match value {
            None => u32::MAX,
            Some(v) => match self.index.get(v) {
                Some(&c) => c,
                None => {
                    let c = u32::try_from(self.categories.len()).unwrap_or(u32::MAX - 1);
                    self.categories.push(v.to_owned());
                    self.index.insert(v.to_owned(), c);
                    c
                }
            },
        };
        self.codes.push(code);
    }

    fn column(self) -> Column {
        Column::Category {
            codes: self.codes,
            categories: self.categories,
        }
    }
}

fn time(m: Option<Moment>) -> i64 {
    m.map(|m| m.millis()).unwrap_or(NO_TIME)
}

fn joined(list: &[String]) -> Option<String> {
    (!list.is_empty()).then(|| list.join("|"))
}

impl Network {
    /// Every actor as a table, one row each, sorted by id. Lists are joined
    /// with `|`, as in the spreadsheet form.
    pub fn actor_table(&self) -> Table {
        let actors = self.actors();
        let mut kind = Categories::default();
        let mut sector = Categories::default();
        let text = |f: &dyn Fn(&crate::Actor) -> Option<String>| {
            Column::Text(actors.iter().map(|a| f(a)).collect())
        };
        for a in &actors {
            kind.push(Some(a.kind.as_str()));
            sector.push(Some(a.sector().as_str()));
        }
        Table {
            columns: vec![
                ("id".into(), text(&|a| Some(a.id.clone()))),
                ("kind".into(), kind.column()),
                ("name".into(), text(&|a| a.name.clone())),
                ("sector".into(), sector.column()),
                ("area".into(), text(&|a| a.area.clone())),
                ("member_of".into(), text(&|a| joined(&a.member_of))),
                ("contact_for".into(), text(&|a| joined(&a.contact_for))),
                ("tags".into(), text(&|a| joined(&a.tags))),
                (
                    "phone".into(),
                    text(&|a| a.contact.as_ref().and_then(|c| c.phone.clone())),
                ),
                (
                    "email".into(),
                    text(&|a| a.contact.as_ref().and_then(|c| c.email.clone())),
                ),
                (
                    "joined".into(),
                    Column::Time(
                        actors
                            .iter()
                            .map(|a| time(a.joined.map(Moment::Date)))
                            .collect(),
                    ),
                ),
                (
                    "left".into(),
                    Column::Time(
                        actors
                            .iter()
                            .map(|a| time(a.left.map(Moment::Date)))
                            .collect(),
                    ),
                ),
            ],
        }
    }

    /// Every interaction as a table, in the canonical order.
    pub fn interaction_table(&self) -> Table {
        let all: Vec<_> = self.interactions().collect();
        let mut kind = Categories::default();
        let mut outcome = Categories::default();
        let mut initiator = Categories::default();
        let mut answered_by = Categories::default();
        let mut initiative = Categories::default();
        for (_, x) in &all {
            kind.push(Some(x.kind.as_str()));
            outcome.push(Some(x.outcome().as_str()));
            initiator.push(x.initiator.as_deref());
            answered_by.push(x.answerer());
            initiative.push(x.initiative.as_deref());
        }
        Table {
            columns: vec![
                (
                    "key".into(),
                    Column::Int(all.iter().map(|(k, _)| k.get() as i64).collect()),
                ),
                (
                    "id".into(),
                    Column::Text(all.iter().map(|(_, x)| x.id.clone()).collect()),
                ),
                (
                    "at".into(),
                    Column::Time(all.iter().map(|(_, x)| x.at.millis()).collect()),
                ),
                ("kind".into(), kind.column()),
                (
                    "participants".into(),
                    Column::Text(all.iter().map(|(_, x)| joined(&x.participants)).collect()),
                ),
                (
                    "size".into(),
                    Column::Int(
                        all.iter()
                            .map(|(_, x)| x.participants.len() as i64)
                            .collect(),
                    ),
                ),
                ("initiator".into(), initiator.column()),
                (
                    "formal".into(),
                    Column::Bool(all.iter().map(|(_, x)| x.formal()).collect()),
                ),
                ("outcome".into(), outcome.column()),
                (
                    "answered_at".into(),
                    Column::Time(all.iter().map(|(_, x)| time(x.answered_at)).collect()),
                ),
                ("answered_by".into(), answered_by.column()),
                ("initiative".into(), initiative.column()),
                (
                    "note".into(),
                    Column::Text(all.iter().map(|(_, x)| x.note.clone()).collect()),
                ),
            ],
        }
    }

    /// The trust graph as of `as_of`, one row per tie between actors present
    /// then with contact at or before it: `a` and `b` (in id order), trust
    /// each way, `mutual` trust (the lower), `length` (−ln mutual, at least
    /// [`MIN_TIE_LENGTH`](crate::analysis::MIN_TIE_LENGTH): the length
    /// `brokers` measures routes with; `paths` ranks chains by the product
    /// of trust, the same order but for that floor) and `last_contact`.
    /// What another graph library needs to repeat samskab's analyses on the
    /// same graph.
    ///
    /// ```
    /// use samskab::{format::Column, Network};
    /// let net = Network::from_json(include_str!("../../../examples/data/skovlund.json"))?;
    /// let edges = net.trust_edges("2024-06-01".parse()?);
    /// let Some(Column::Float(mutual)) = edges.column("mutual") else { unreachable!() };
    /// assert!(mutual.iter().all(|m| (0.0..=1.0).contains(m)));
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn trust_edges(&self, as_of: Moment) -> Table {
        let snap = Snapshot::new(self, as_of);
        let edges = snap.graph.raw_edges();
        // The categories are the present actors, in the snapshot's node
        // order (their ids' order): a node's code is its index.
        let ids: Vec<String> = snap
            .graph
            .node_indices()
            .map(|n| snap.id(n).to_owned())
            .collect();
        let code = |n: petgraph::graph::NodeIndex| u32::try_from(n.index()).unwrap_or(u32::MAX);
        let n = edges.len();
        let (mut a, mut b) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut ab, mut ba) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut mutual, mut length) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut last = Vec::with_capacity(n);
        for e in edges {
            a.push(code(e.source()));
            b.push(code(e.target()));
            let s = &e.weight;
            ab.push(s.ab);
            ba.push(s.ba);
            mutual.push(s.mutual());
            length.push(trust_length(s.mutual()));
            last.push(s.last_ms);
        }
        Table {
            columns: vec![
                (
                    "a".into(),
                    Column::Category {
                        codes: a,
                        categories: ids.clone(),
                    },
                ),
                (
                    "b".into(),
                    Column::Category {
                        codes: b,
                        categories: ids,
                    },
                ),
                ("a_trusts_b".into(), Column::Float(ab)),
                ("b_trusts_a".into(), Column::Float(ba)),
                ("mutual".into(), Column::Float(mutual)),
                ("length".into(), Column::Float(length)),
                ("last_contact".into(), Column::Time(last)),
            ],
        }
    }

    /// Every tie with contact at or before `as_of`, one row per direction
    /// (`source` trusts `target`): trust, its components, and the tie's
    /// counts. Rows come by source, then target.
    pub fn tie_table(&self, as_of: Moment) -> Table {
        let config = self.scoring();
        let as_of_ms = as_of.millis();
        let deadline_ms = config.response_deadline_days * MS_PER_DAY;
        let kernel = trust::Kernel::new(config);
        // Each tie read and scored once, in both directions (side A is the
        // edge's source); its rows keep their counts, not its events.
        let counted = |events: &[Event], side: Side| {
            let mut c = EventCounts::of(
                events,
                self.store(),
                side,
                as_of_ms,
                deadline_ms,
                Requests::BySide,
            );
            let row = [
                c.interactions,
                c.formal,
                c.informal,
                c.positive,
                c.negative,
                c.initiated_by_side,
                c.initiated_by_other,
                c.requests,
                c.answered,
                c.overdue,
            ];
            let median = crate::scoring::median(&mut c.response_days).unwrap_or(f64::NAN);
            Counted {
                row,
                median,
                last: events.last().map_or(NO_TIME, |e| e.at),
            }
        };
        let mut rows: Vec<(&str, &str, trust::Ledger, Counted)> =
            Vec::with_capacity(2 * self.graph().edge_count());
        let cache = self.analysis_cache();
        for e in self.graph().edge_references() {
            let all = e
                .weight()
                .events(self.store(), e.source(), e.target())
                .read();
            let events = until(&all, as_of_ms);
            if events.is_empty() {
                continue;
            }
            let (a, b) = (
                self.graph()[e.source()].id.as_str(),
                self.graph()[e.target()].id.as_str(),
            );
            let digest = cache.digest_sums(self, e.id().index());
            let [ab, ba] = trust::ledgers_with(&kernel, &all, self.store(), digest, as_of_ms);
            rows.push((a, b, ab, counted(events, Side::A)));
            rows.push((b, a, ba, counted(events, Side::B)));
        }
        rows.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
        let n = rows.len();
        let mut source = Categories::default();
        let mut target = Categories::default();
        let f = |len: usize| vec![0.0f64; len];
        let (mut value, mut evidence, mut contact, mut spacing, mut recency) =
            (f(n), f(n), f(n), f(n), f(n));
        let (mut reciprocity, mut responsiveness, mut negative, mut median) =
            (f(n), f(n), f(n), f(n));
        let mut last = vec![NO_TIME; n];
        let mut counts: Vec<Vec<i64>> = vec![vec![0; n]; 10];
        for (i, (a, b, ledger, counted)) in rows.into_iter().enumerate() {
            source.push(Some(a));
            target.push(Some(b));
            let c = ledger.components(config);
            value[i] = ledger.value();
            evidence[i] = ledger.evidence();
            contact[i] = c.contact;
            spacing[i] = c.spacing;
            recency[i] = c.recency;
            reciprocity[i] = c.reciprocity;
            responsiveness[i] = c.responsiveness;
            negative[i] = c.negative;
            last[i] = counted.last;
            for (column, n) in counts.iter_mut().zip(counted.row) {
                column[i] = i64::from(n);
            }
            median[i] = counted.median;
        }
        let names = [
            "interactions",
            "formal",
            "informal",
            "positive",
            "negative_outcomes",
            "initiated_by_source",
            "initiated_by_target",
            "requests_by_source",
            "answered",
            "overdue",
        ];
        // The length of a direction in the trust graph, as brokers measure
        // routes: a distance, where trust is the opposite of one.
        let length: Vec<f64> = value
            .iter()
            .map(|&t| crate::analysis::trust_length(t))
            .collect();
        let mut columns = vec![
            ("source".to_owned(), source.column()),
            ("target".to_owned(), target.column()),
            ("trust".to_owned(), Column::Float(value)),
            ("length".to_owned(), Column::Float(length)),
            ("evidence".to_owned(), Column::Float(evidence)),
            ("contact".to_owned(), Column::Float(contact)),
            ("spacing".to_owned(), Column::Float(spacing)),
            ("recency".to_owned(), Column::Float(recency)),
            ("reciprocity".to_owned(), Column::Float(reciprocity)),
            ("responsiveness".to_owned(), Column::Float(responsiveness)),
            ("negative".to_owned(), Column::Float(negative)),
            ("last_contact".to_owned(), Column::Time(last)),
        ];
        for (name, c) in names.iter().zip(counts) {
            columns.push(((*name).to_owned(), Column::Int(c)));
        }
        columns.push(("median_response_days".to_owned(), Column::Float(median)));
        Table { columns }
    }
}

/// One row of the tie table's counts: the tie's events as its source sees them.
struct Counted {
    /// The count columns, in the order of their names.
    row: [u32; 10],
    median: f64,
    last: i64,
}

#[cfg(test)]
mod tests {
    use crate::generate::GeneratorConfig;
    use crate::{Moment, Network};

    #[test]
    fn tie_table_is_the_same_asked_first_or_after_scoring() {
        let config = GeneratorConfig::size("S", 3).expect("a size");
        let first = Network::generate(&config).expect("a network");
        let after = first.clone();
        let as_of: Moment = "2026-01-01".parse().expect("a date");
        // Asked first, the sums and the digests come from one walk;
        // after scoring, the sums from a walk of their own.
        let table = first.tie_table(as_of);
        after.trust_edges(as_of);
        // Printed, so that the columns' NaNs (no answer yet) compare too.
        let same = |a: &super::Table, b: &super::Table| format!("{a:?}") == format!("{b:?}");
        assert!(same(&table, &after.tie_table(as_of)));
        assert!(same(&first.trust_edges(as_of), &after.trust_edges(as_of)));
    }
}
