//! Graph algorithms that know nothing of actors or trust: compressed rows,
//! low-link (articulation points), betweenness, communities and the random
//! numbers of generated networks. Each works on plain indices and weights,
//! so it can be tested on small graphs alone.

pub(crate) mod betweenness;
pub(crate) mod communities;
pub(crate) mod csr;
pub(crate) mod lowlink;
pub(crate) mod rng;
