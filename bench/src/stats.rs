//! Percentiles and medians of measured figures.

/// The `p`-th percentile (0 < p <= 100) of `values` by the nearest-rank method: the smallest
/// value such that at least `p`% of the values are less than or equal to it. `None` when empty.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() || !(p > 0.0 && p <= 100.0) {
        return None;
    }
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    Some(v[rank.clamp(1, v.len()) - 1])
}

/// The median: the middle value, or the mean of the two middle values. `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// p50, p95, p99 and max of latencies.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// Number of samples.
    pub n: usize,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Largest value.
    pub max: f64,
}

impl Summary {
    /// Summarises `values` (all zero when empty).
    pub fn of(values: &[f64]) -> Summary {
        Summary {
            n: values.len(),
            p50: percentile(values, 50.0).unwrap_or(0.0),
            p95: percentile(values, 95.0).unwrap_or(0.0),
            p99: percentile(values, 99.0).unwrap_or(0.0),
            max: percentile(values, 100.0).unwrap_or(0.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), Some(50.0));
        assert_eq!(percentile(&v, 95.0), Some(95.0));
        assert_eq!(percentile(&v, 99.0), Some(99.0));
        assert_eq!(percentile(&v, 100.0), Some(100.0));
        assert_eq!(percentile(&v, 0.5), Some(1.0));
        // Order does not matter; small sets round the rank up.
        let w = [5.0, 1.0, 4.0, 2.0, 3.0];
        assert_eq!(percentile(&w, 50.0), Some(3.0));
        assert_eq!(percentile(&w, 95.0), Some(5.0));
        assert_eq!(percentile(&w, 20.0), Some(1.0));
        assert_eq!(percentile(&w, 21.0), Some(2.0));
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&w, 0.0), None);
        assert_eq!(percentile(&w, 101.0), None);
    }

    #[test]
    fn medians_and_summaries() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        let s = Summary::of(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!((s.n, s.p50, s.p95, s.max), (4, 2.0, 4.0, 4.0));
        assert_eq!(Summary::of(&[]).n, 0);
    }
}
