//! The benchmarks' one timing rule: run `f` in batches of `batch` calls, `samples`
//! times, and report the median time per call in microseconds.
use std::time::Instant;

pub fn median_micros(f: impl Fn(), batch: u32, samples: usize) -> f64 {
    let mut times: Vec<f64> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                f();
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(batch)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}
