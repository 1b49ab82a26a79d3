//! The link parser's structured no-panic property: a valid link of each kind (every
//! model, generated, bundled, drawn, edited and example-file data) with one pair changed,
//! doubled, dropped, emptied or added is refused with a reason, or read into settings
//! that pass the controls' limits and travel in a link again. The same cases run in the
//! browser (tests/browser.rs).

#[path = "../../crates/hyperplane-formats/tests/common/mutate.rs"]
mod mutate;

use proptest::prelude::*;

use super::fragment::Link;

/// One mutated link: read, checked and written again, or refused.
fn link_case(seed: u64) {
    mutate::link_case(seed, |fragment| {
        Link::parse(fragment).map(|link| {
            assert!(link.settings.check().is_ok(), "{fragment}");
            link.to_fragment()
        })
    });
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

#[test]
fn the_bases_are_valid_links() {
    for base in mutate::LINKS {
        let link = Link::parse(base).unwrap_or_else(|e| panic!("{base}: {e}"));
        assert_eq!(link.to_fragment(), base);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), .. ProptestConfig::default() })]

    #[test]
    fn a_link_with_one_pair_changed_never_panics(seed in any::<u64>()) {
        let start = std::time::Instant::now();
        link_case(seed);
        prop_assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }
}

/// The mutations test both sides: some mutated links are still valid, most are refused.
#[test]
fn mutated_links_are_kept_and_refused() {
    let kept = (0..500)
        .filter(|&seed| {
            let mut rng = mutate::Rng::new(seed);
            let base = mutate::LINKS[rng.below(mutate::LINKS.len())];
            Link::parse(&mutate::mutate_link(base, &mut rng)).is_ok()
        })
        .count();
    assert!((25..400).contains(&kept), "{kept} of 500 kept");
}
