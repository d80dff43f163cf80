//! 2^x in plain arithmetic, the same to the last bit on every platform.
//!
//! `f64::exp2` calls the platform's libm, and glibc's differs from the one
//! compiled into the WebAssembly build in the last bits; a score must not
//! depend on where it was computed. This one is also cheaper: scoring calls
//! it twice per event.

/// 2^(j/32) for j in 0..32, correctly rounded (computed to 60 digits).
const TABLE: [u64; 32] = [
    0x3ff0000000000000,
    0x3ff059b0d3158574,
    0x3ff0b5586cf9890f,
    0x3ff11301d0125b51,
    0x3ff172b83c7d517b,
    0x3ff1d4873168b9aa,
    0x3ff2387a6e756238,
    0x3ff29e9df51fdee1,
    0x3ff306fe0a31b715,
    0x3ff371a7373aa9cb,
    0x3ff3dea64c123422,
    0x3ff44e086061892d,
    0x3ff4bfdad5362a27,
    0x3ff5342b569d4f82,
    0x3ff5ab07dd485429,
    0x3ff6247eb03a5585,
    0x3ff6a09e667f3bcd,
    0x3ff71f75e8ec5f74,
    0x3ff7a11473eb0187,
    0x3ff82589994cce13,
    0x3ff8ace5422aa0db,
    0x3ff93737b0cdc5e5,
    0x3ff9c49182a3f090,
    0x3ffa5503b23e255d,
    0x3ffae89f995ad3ad,
    0x3ffb7f76f2fb5e47,
    0x3ffc199bdd85529c,
    0x3ffcb720dcef9069,
    0x3ffd5818dcfba487,
    0x3ffdfc97337b9b5f,
    0x3ffea4afa2a490da,
    0x3fff50765b6e4540,
];

/// 2^x, within two units in the last place; 0 below 2^−1022, infinity
/// from 2^1024, NaN for NaN.
pub(crate) fn exp2(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x <= -1022.0 {
        return 0.0;
    }
    if x >= 1024.0 {
        return f64::INFINITY;
    }
    // x = k/32 + r with |r| <= 1/64; k/32 is exact, and so is r. Adding and
    // taking away 1.5·2^52 rounds to the nearest integer in two additions
    // (`f64::round` is a libm call on x86-64 without SSE 4.1).
    const ROUND: f64 = 6_755_399_441_055_744.0;
    let k = (x * 32.0 + ROUND) - ROUND;
    let r = x - k / 32.0;
    let k = k as i64;
    let (q, j) = (k.div_euclid(32), k.rem_euclid(32) as usize);
    // 2^r = e^t with |t| < 0.011: seven terms of the series leave < 1e-17.
    let t = r * std::f64::consts::LN_2;
    let p = 1.0
        + t * (1.0
            + t * (1.0 / 2.0
                + t * (1.0 / 6.0 + t * (1.0 / 24.0 + t * (1.0 / 120.0 + t * (1.0 / 720.0))))));
    let scale = f64::from_bits(((q + 1023) as u64) << 52);
    f64::from_bits(TABLE[j]) * p * scale
}

#[cfg(test)]
mod tests {
    use super::exp2;

    #[test]
    fn agrees_with_the_platform_to_two_ulps() {
        let mut x = -1021.5f64;
        while x < 1023.5 {
            for dx in [0.0, 1.0 / 64.0, 1.0 / 64.0 + 1e-9, 0.3187, 0.5, 0.999] {
                let (ours, std) = (exp2(x + dx), (x + dx).exp2());
                let ulps = (ours.to_bits() as i64 - std.to_bits() as i64).abs();
                assert!(ulps <= 2, "2^{}: {ours} against {std}", x + dx);
            }
            x += 0.731;
        }
        assert_eq!(exp2(0.0), 1.0);
        assert_eq!(exp2(-1.0), 0.5);
        assert_eq!(exp2(10.0), 1024.0);
        assert_eq!(exp2(-2000.0), 0.0);
        assert_eq!(exp2(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp2(2000.0), f64::INFINITY);
        assert!(exp2(f64::NAN).is_nan());
    }

    #[test]
    fn never_rises_as_x_falls() {
        // The score's promise (no rise with time alone) rests on this.
        let mut last = exp2(0.0);
        let mut x = 0.0f64;
        for _ in 0..2_000_000 {
            x -= 1.0 / 4096.0 + 1e-7;
            let v = exp2(x);
            assert!(v <= last, "2^{x} = {v} above {last}");
            last = v;
        }
    }
}
