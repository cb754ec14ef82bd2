//! One sort for the orders that are built once or sort a handful of items (browse order,
//! facet values and the year facet's, statistics, related records, map labels, a shown hit's
//! highlight spans and terms, a query's word lists by length, cache eviction).
//!
//! The standard library's sort is compiled anew for every element type and comparator: each
//! copy is about 3.4 KB of wasm (quicksort, small-sort, heapsort and pivot choice). Here the
//! sort itself runs once, on record positions with a comparator behind a `dyn`, and only the
//! small step that reorders the elements is generic. The hot orders (the ranking of every hit
//! on each keystroke, the term table of the index, the split search) keep their own inlined
//! sorts.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, which must be a total order (ties broken by the caller where it
/// matters, as the unstable standard sorts required).
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_positions(&mut order, &mut |a, b| cmp(&v[a as usize], &v[b as usize]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    *v = order
        .into_iter()
        .map(|i| {
            slots[i as usize]
                .take()
                .expect("a permutation names each position once")
        })
        .collect();
}

/// Sorts `v` by a key (compared with `Ord`).
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// The one monomorphic sort.
#[inline(never)]
fn sort_positions(order: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    order.sort_unstable_by(|&a, &b| cmp(a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        // A pseudo-random sequence with many repeats, compared against std's sort.
        let mut x = 12345u32;
        let mut v: Vec<(u32, String)> = (0..500)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                ((x >> 16) % 37, format!("r{}", i % 11))
            })
            .collect();
        let mut expected = v.clone();
        expected.sort();
        sort(&mut v);
        assert_eq!(v, expected);

        let mut desc = expected.clone();
        sort_by(&mut desc, |a, b| b.cmp(a));
        expected.reverse();
        assert_eq!(desc, expected);
    }

    #[test]
    fn by_key_and_edge_cases() {
        let mut words = vec!["ccc", "a", "bb", "dddd", ""];
        sort_by_key(&mut words, |w| std::cmp::Reverse(w.len()));
        assert_eq!(words, ["dddd", "ccc", "bb", "a", ""]);
        let mut empty: Vec<u8> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, [7]);
    }
}
