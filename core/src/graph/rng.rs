//! The random numbers of generated networks and sampled searches: the same
//! on every platform, so a seed gives the same answers everywhere.

/// SplitMix64: small, fast and the same on every platform.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Pareto-distributed weight ≥ 1 with tail index 1.5: a few ties see
    /// most of the contact.
    pub(crate) fn heavy(&mut self) -> f64 {
        (1.0 - self.unit()).max(1e-12).powf(-1.0 / 1.5)
    }
}
