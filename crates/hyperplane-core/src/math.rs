//! Transcendental functions from the pure-Rust `libm`, on every target. The standard
//! library calls the platform's C library natively but a Rust port of it in wasm, and
//! the two can differ in the last bit; using one implementation everywhere makes the same
//! seed give bit-identical data and models natively and in the browser.
//!
//! Matrix products are written as row-by-row dot products for the same reason: a
//! general matrix multiply picks SIMD/FMA kernels by CPU at run time.

use ndarray::{Array2, ArrayView2};

/// eˣ within 2 ulp (mostly 1), without libm's division: Cody–Waite reduction
/// x = k·ln2 + r with |r| ≤ ln2/2, a degree-12 Taylor polynomial for eʳ (truncation
/// error below 2e-16), then scaling by 2ᵏ through the exponent bits. It is the hot
/// path of every rbf kernel row, and pure arithmetic, so identical on every target.
#[inline]
pub fn exp(x: f64) -> f64 {
    const LOG2_E: f64 = std::f64::consts::LOG2_E;
    // ln 2 split so that k·LN2_HI is exact for |k| < 2¹¹.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    if x.is_nan() {
        return x;
    }
    if x > 709.782_712_893_384 {
        return f64::INFINITY;
    }
    if x < -708.0 {
        // Results near or below the smallest normal: rare, leave them to libm.
        return libm::exp(x);
    }
    // Round to the nearest integer by the 1.5·2⁵² trick (no call to `round`, which
    // is a library function on some targets) and read k back from the bits.
    const MAGIC: f64 = 6_755_399_441_055_744.0;
    let shifted = x * LOG2_E + MAGIC;
    let kf = shifted - MAGIC;
    let k = shifted.to_bits() as i64 - MAGIC.to_bits() as i64;
    let r = (x - kf * LN2_HI) - kf * LN2_LO;
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    // eʳ = 1 + (r + r²·q(r)), q's Taylor coefficients 1/n! (n ≥ 2) by Estrin's scheme;
    // adding the 1 last keeps the rounding error of the small terms small.
    let q = (1.0 / 2.0 + r * (1.0 / 6.0))
        + r2 * (1.0 / 24.0 + r * (1.0 / 120.0))
        + r4 * ((1.0 / 720.0 + r * (1.0 / 5040.0)) + r2 * (1.0 / 40320.0 + r * (1.0 / 362_880.0)))
        + r8 * ((1.0 / 3_628_800.0 + r * (1.0 / 39_916_800.0)) + r2 * (1.0 / 479_001_600.0));
    let p = 1.0 + (r + r2 * q);
    // 2ᵏ, split in two factors so k = 1024 does not overflow the exponent field.
    let half = k / 2;
    let scale = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    p * scale(half) * scale(k - half)
}
/// tanh of every element: a branch-free version of [`tanh`] that the compiler can
/// vectorize, bit-for-bit equal to it (so the network's batched passes keep the weights
/// identical to the per-sample ones, natively and in wasm). Same arithmetic as [`exp`]
/// on 2x: 2x stays within ±40, where none of `exp`'s special cases apply and its two
/// scalings by powers of two are exact, so one scaling by 2ᵏ gives the same bits;
/// clamping at ±20 gives exactly ±1, as `tanh` does beyond; tiny |x| selects x itself.
pub fn tanh_in_place(values: &mut [f64]) {
    const LOG2_E: f64 = std::f64::consts::LOG2_E;
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    const MAGIC: f64 = 6_755_399_441_055_744.0; // 1.5 · 2⁵²
    for v in values.iter_mut() {
        // tanh(±20) is ±1 in f64; clamping keeps 2x well inside exp's range.
        let x = 2.0 * v.clamp(-20.0, 20.0);
        let shifted = x * LOG2_E + MAGIC;
        let k = shifted - MAGIC;
        let k_bits = shifted.to_bits().wrapping_sub(MAGIC.to_bits());
        let r = (x - k * LN2_HI) - k * LN2_LO;
        let r2 = r * r;
        let r4 = r2 * r2;
        let r8 = r4 * r4;
        let q = (1.0 / 2.0 + r * (1.0 / 6.0))
            + r2 * (1.0 / 24.0 + r * (1.0 / 120.0))
            + r4 * ((1.0 / 720.0 + r * (1.0 / 5040.0))
                + r2 * (1.0 / 40320.0 + r * (1.0 / 362_880.0)))
            + r8 * ((1.0 / 3_628_800.0 + r * (1.0 / 39_916_800.0)) + r2 * (1.0 / 479_001_600.0));
        let p = 1.0 + (r + r2 * q);
        let scale = f64::from_bits(k_bits.wrapping_add(1023) << 52);
        let e = p * scale;
        let t = 1.0 - 2.0 / (e + 1.0);
        *v = if v.abs() < 1e-8 { *v } else { t };
    }
}

/// ln(1 + x), accurate for small x.
#[inline]
pub fn ln_1p(x: f64) -> f64 {
    libm::log1p(x)
}

/// ln(1 + eˣ) without overflow.
#[inline]
pub fn softplus(x: f64) -> f64 {
    x.max(0.0) + ln_1p(exp(-x.abs()))
}

/// 1 / (1 + e⁻ˣ) without overflow.
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + exp(-x))
    } else {
        let e = exp(x);
        e / (1.0 + e)
    }
}

#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}
#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}
#[inline]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}
/// tanh through the fast exp: 1 − 2/(e²ˣ + 1), exact at the saturated ends. Used by the
/// neural network, where it runs for every neuron of every sample of every epoch.
#[inline]
pub fn tanh(x: f64) -> f64 {
    if x.abs() < 1e-8 {
        // 1 − 2/(e²ˣ + 1) loses relative precision near 0, where tanh x = x.
        return x;
    }
    if x > 20.0 {
        return 1.0;
    }
    if x < -20.0 {
        return -1.0;
    }
    1.0 - 2.0 / (exp(2.0 * x) + 1.0)
}

/// Index of the largest value; ties go to the first (the lower class, as scikit-learn).
pub fn argmax(v: &[f64]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

/// The largest value's index and how far it leads the runner-up (the others' maximum,
/// at least 0): the confidence a decision surface shades by.
pub fn best_and_lead(v: &[f64]) -> (usize, f64) {
    let best = argmax(v);
    let second = v
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, &x)| x)
        .fold(0.0, f64::max);
    (best, v.get(best).map_or(0.0, |b| b - second))
}

/// `a · bᵀ` by row dot products (deterministic across targets).
pub fn matmul_nt(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    Array2::from_shape_fn((a.nrows(), b.nrows()), |(i, j)| a.row(i).dot(&b.row(j)))
}

#[cfg(test)]
mod tests {
    use ndarray::array;

    #[test]
    fn exp_is_within_two_ulp_of_libm_everywhere() {
        let mut x = -750.0;
        while x < 712.0 {
            let (a, b) = (super::exp(x), libm::exp(x));
            if b.is_finite() && b > f64::MIN_POSITIVE {
                let ulps = (a.to_bits() as i64 - b.to_bits() as i64).abs();
                assert!(ulps <= 2, "exp({x}) = {a} vs {b}: {ulps} ulps");
            } else {
                assert_eq!(a, b, "exp({x})");
            }
            x += 0.001_37;
        }
        assert!(super::exp(f64::NAN).is_nan());
        assert_eq!(super::exp(f64::NEG_INFINITY), 0.0);
        assert_eq!(super::exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(super::exp(0.0), 1.0);
    }

    #[test]
    fn vectorizable_tanh_is_bit_identical_to_scalar_tanh() {
        let mut xs: Vec<f64> = (-3000..=3000).map(|i| i as f64 * 0.01).collect();
        // Every scale from tiny to huge, both signs, and the edges of each branch.
        let mut x = 1e-320;
        while x < 1e300 {
            xs.extend([x, -x, x * 1.000_000_1, -x * 0.999_999_9]);
            x *= 1.003_7;
        }
        for e in [
            1e-8_f64,
            20.0,
            19.999_999_999_999_996,
            20.000_000_000_000_004,
        ] {
            xs.extend([
                e,
                -e,
                f64::from_bits(e.to_bits() - 1),
                -f64::from_bits(e.to_bits() + 1),
            ]);
        }
        xs.extend([
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            0.0,
            -0.0,
        ]);
        // Pseudo-random bit patterns of moderate magnitude.
        let mut s = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..200_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            xs.push((s >> 11) as f64 / (1u64 << 53) as f64 * 50.0 - 25.0);
        }
        let want: Vec<f64> = xs.iter().map(|&x| super::tanh(x)).collect();
        let mut got = xs.clone();
        super::tanh_in_place(&mut got);
        for ((a, b), x) in got.iter().zip(&want).zip(&xs) {
            assert_eq!(a.to_bits(), b.to_bits(), "tanh({x:e}): {a:e} vs {b:e}");
        }
        let mut nan = [f64::NAN];
        super::tanh_in_place(&mut nan);
        assert!(nan[0].is_nan());
    }

    #[test]
    fn functions_agree_with_std_closely() {
        for x in [-3.0, -0.5, 0.0, 0.7, 2.0, 10.0] {
            assert!((super::exp(x) - x.exp()).abs() <= 1e-15 * x.exp().max(1.0));
            assert!((super::sin(x) - x.sin()).abs() < 1e-15);
            assert!((super::cos(x) - x.cos()).abs() < 1e-15);
            assert!((super::tanh(x) - x.tanh()).abs() < 1e-15);
            assert!((super::tanh(x * 1e-3) - (x * 1e-3).tanh()).abs() < 1e-15);
        }
        assert!((super::ln(2.0) - std::f64::consts::LN_2).abs() < 1e-16);
        let a = array![[1.0, 2.0], [3.0, 4.0]];
        assert_eq!(
            super::matmul_nt(a.view(), a.view()),
            array![[5.0, 11.0], [11.0, 25.0]]
        );
    }
}
