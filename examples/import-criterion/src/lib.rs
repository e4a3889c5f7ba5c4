//! Adds numbers two ways, to give criterion something to compare.

/// Adds the numbers one by one.
pub fn loop_sum(xs: &[u64]) -> u64 {
    let mut total = 0;
    for x in xs {
        total += x;
    }
    total
}

/// Adds the numbers with an iterator.
pub fn iter_sum(xs: &[u64]) -> u64 {
    xs.iter().sum()
}
