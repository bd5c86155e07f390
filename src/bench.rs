//! Query latencies measured in one process (`iagraph bench`): each named
//! query run several times on the same store, after a first run that warms
//! the store's caches.

use std::time::{Duration, Instant};

use crate::error::Result;
use crate::query::{self, Answer, NamedQuery};
use crate::store::Graph;

/// The timings of one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    pub name: String,
    /// Rows (or triples) of the answer.
    pub rows: usize,
    /// The first run, on a store no query has touched yet.
    pub first: Duration,
    /// Median and 95th percentile of the runs after the first.
    pub median: Duration,
    pub p95: Duration,
}

/// Runs each query `runs` times after a first run, reporting each timing
/// as soon as it is measured.
pub fn time_queries(
    graph: &Graph,
    queries: &[NamedQuery],
    runs: usize,
    report: &mut dyn FnMut(&Timing),
) -> Result<Vec<Timing>> {
    let mut timings = Vec::with_capacity(queries.len());
    for q in queries {
        let (rows, first) = timed(graph, &q.sparql)?;
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            samples.push(timed(graph, &q.sparql)?.1);
        }
        samples.sort();
        let timing = Timing {
            name: q.name.clone(),
            rows,
            first,
            median: percentile(&samples, 50).unwrap_or(first),
            p95: percentile(&samples, 95).unwrap_or(first),
        };
        report(&timing);
        timings.push(timing);
    }
    Ok(timings)
}

/// One run: the query parsed, evaluated and its answer read to the end.
fn timed(graph: &Graph, sparql: &str) -> Result<(usize, Duration)> {
    let start = Instant::now();
    let rows = match query::run(graph, sparql)? {
        Answer::Solutions { rows, .. } => rows.len(),
        Answer::Boolean(_) => 1,
        Answer::Graph(triples) => triples.len(),
    };
    Ok((rows, start.elapsed()))
}

/// The nearest-rank percentile of sorted samples.
pub fn percentile(sorted: &[Duration], percent: usize) -> Option<Duration> {
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let ms: Vec<Duration> = (1..=20).map(Duration::from_millis).collect();
        assert_eq!(percentile(&ms, 50), Some(Duration::from_millis(10)));
        assert_eq!(percentile(&ms, 95), Some(Duration::from_millis(19)));
        assert_eq!(percentile(&ms[..1], 95), Some(Duration::from_millis(1)));
        assert_eq!(percentile(&[], 50), None);
    }
}
