//! Brokers (N7): who sits between others on the most trusted routes, and
//! who bridges the sectors.

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeFiltered;
use serde::Serialize;

use super::snapshot::Snapshot;
use crate::error::{Error, Result};
use crate::graph::betweenness::{betweenness, sample_sources};
use crate::graph::csr::Csr;
use crate::model::{Network, Sector};
use crate::time::Moment;

/// A trusted tie to an actor of another sector.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BridgingTie {
    /// The other actor.
    pub other: String,
    /// Its sector.
    pub other_sector: Sector,
    /// Mutual trust of the tie.
    pub trust: f64,
}

/// An actor's place between others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broker {
    /// The actor.
    pub actor: String,
    /// Its sector.
    pub sector: Sector,
    /// Betweenness centrality on the trust graph: over all pairs of other
    /// actors, the share of most-trusted routes between them that pass
    /// through this one, summed.
    pub betweenness: f64,
    /// Betweenness divided by the number of pairs of other actors, in [0, 1].
    pub normalized: f64,
    /// Its trusted ties across sectors, strongest first.
    pub bridging_ties: Vec<BridgingTie>,
}

/// How [`Network::brokers_with`] counts routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BrokerOptions {
    /// Estimate betweenness from this many sources, drawn at random, instead
    /// of from every actor (`None`: exact). A few hundred give the ranking of
    /// the leading brokers in a large network; the figures are estimates.
    pub sources: Option<usize>,
    /// The seed the sources are drawn from.
    pub seed: u64,
}

/// Shortest length of a tie: trust 1 would give length 0, and zero-length
/// edges make "the shortest route" ambiguous (and some libraries refuse
/// them). Not smaller: libraries that take two route lengths within a
/// relative 1e-10 as equal (igraph) would count a route through a tie of
/// 1e-9 as long as one without it, and so count routes samskab does not (a
/// broker's betweenness at M differed by 8 %). 1e-6 stays above that share
/// of any route up to 10⁴ long; a trust above 0.999999 means nothing more.
pub const MIN_TIE_LENGTH: f64 = 1e-6;

/// The length of a tie in the trust graph: a stronger tie is shorter, and
/// a chain's length is minus the log of the product of its trust (at least
/// [`MIN_TIE_LENGTH`]).
pub fn trust_length(trust: f64) -> f64 {
    (-trust.ln()).max(MIN_TIE_LENGTH)
}

impl Network {
    /// Brokers as of `as_of`: exact betweenness centrality (Brandes) on the
    /// trust graph of present actors, where a tie's length is −ln of its
    /// mutual trust (so the most trusted route is the shortest), and each
    /// actor's trusted ties across sectors. Actors with neither are left out;
    /// the rest come highest betweenness first.
    ///
    /// ```
    /// use samskab::Network;
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let brokers = net.brokers("2025-11-01".parse()?);
    /// assert!(brokers[0].normalized > 0.0 && brokers[0].normalized <= 1.0);
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn brokers(&self, as_of: Moment) -> Vec<Broker> {
        self.brokers_counted(as_of, None)
    }

    /// [`Network::brokers`], with betweenness estimated from a sample of
    /// sources when `options.sources` is set: for a region or a country,
    /// where every pair would take hours. The sample is drawn from
    /// `options.seed`, so the same call gives the same answer everywhere.
    ///
    /// ```
    /// use samskab::{BrokerOptions, Network};
    /// let net = Network::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/egebaek.json"))?;
    /// let as_of = "2025-11-01".parse()?;
    /// let exact = net.brokers(as_of);
    /// let rough = net.brokers_with(as_of, &BrokerOptions { sources: Some(20), seed: 7 })?;
    /// assert_eq!(rough, net.brokers_with(as_of, &BrokerOptions { sources: Some(20), seed: 7 })?);
    /// // As many sources as actors: every actor is a source, the exact answer.
    /// assert_eq!(exact, net.brokers_with(as_of, &BrokerOptions { sources: Some(10_000), seed: 7 })?);
    /// # Ok::<(), samskab::Error>(())
    /// ```
    pub fn brokers_with(&self, as_of: Moment, options: &BrokerOptions) -> Result<Vec<Broker>> {
        if options.sources == Some(0) {
            return Err(Error::invalid("sources", "must be at least 1"));
        }
        Ok(self.brokers_counted(as_of, Some(options)))
    }

    fn brokers_counted(&self, as_of: Moment, options: Option<&BrokerOptions>) -> Vec<Broker> {
        let options = options.copied().unwrap_or_default();
        let snap = Snapshot::new(self, as_of);
        let threshold = self.scoring().trusted_threshold;
        let trust_graph = EdgeFiltered::from_fn(&snap.graph, |e| e.weight().mutual() > 0.0);
        let csr = Csr::new(&trust_graph, |e| trust_length(e.weight().mutual()));
        let n = snap.graph.node_count();
        let sample = options
            .sources
            .filter(|&k| k < n)
            .map(|k| sample_sources(n, k, options.seed));
        let b = betweenness(&csr, sample.as_deref());
        let pairs = if n > 2 {
            ((n - 1) * (n - 2)) as f64 / 2.0
        } else {
            1.0
        };
        let mut out = Vec::new();
        for v in snap.graph.node_indices() {
            let sector = snap.actor(v).sector();
            let mut bridging: Vec<BridgingTie> = snap
                .graph
                .neighbors(v)
                .filter_map(|w: NodeIndex| {
                    let t = snap.mutual(v, w);
                    let other_sector = snap.actor(w).sector();
                    (t >= threshold && other_sector != sector).then(|| BridgingTie {
                        other: snap.id(w).to_owned(),
                        other_sector,
                        trust: t,
                    })
                })
                .collect();
            let bv = b[v.index()];
            if bv <= 0.0 && bridging.is_empty() {
                continue;
            }
            bridging.sort_by(|x, y| {
                y.trust
                    .total_cmp(&x.trust)
                    .then_with(|| x.other.cmp(&y.other))
            });
            out.push(Broker {
                actor: snap.id(v).to_owned(),
                sector,
                betweenness: bv,
                normalized: (bv / pairs).min(1.0),
                bridging_ties: bridging,
            });
        }
        out.sort_by(|x, y| {
            y.betweenness
                .total_cmp(&x.betweenness)
                .then(y.bridging_ties.len().cmp(&x.bridging_ties.len()))
                .then_with(|| x.actor.cmp(&y.actor))
        });
        out
    }
}
