//! SplitMix64: a seeded stream of draws, enough for the made-up portfolios the
//! statistical tests' property tests run on.

pub(crate) struct Draws(pub u64);

impl Draws {
    /// `true` with probability `p`.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        ((z >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// Draws `runs` made-up portfolios (seeds `0..runs`, the seed also handed over to vary
/// rates and sizes) and fails when more than a tenth of them are `flagged`: room for
/// chance above a stated 5 % level, where uncorrected tests flag far more. Fixed seeds,
/// so the count is the same on every run.
pub(crate) fn assert_seldom_flagged(runs: u64, flagged: impl Fn(&mut Draws, u64) -> bool) {
    let count = (0..runs).filter(|&seed| flagged(&mut Draws(seed), seed)).count() as u64;
    assert!(count * 10 <= runs, "{count} of {runs} steady portfolios flagged");
}
