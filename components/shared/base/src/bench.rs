//! A tiny shared shape for benchmark results, so every crate's benchmark
//! routines can be collected and printed by the `aperture-bench` binary
//! (`./mach bench`). Benchmarks are never run by `./mach test`.

use std::fmt;

/// One measured figure.
#[derive(Clone, Debug)]
pub struct Measurement {
    /// What was measured, e.g. "canvas paint→frame 1920x1080".
    pub name: String,
    /// The figure, in `unit`.
    pub value: f64,
    /// "ms", "µs", "ns", "fps", "copies/frame", "ms CPU/frame"…
    pub unit: &'static str,
    /// Free-form context: sample count, percentile, conditions.
    pub note: String,
}

impl Measurement {
    pub fn new(name: impl Into<String>, value: f64, unit: &'static str) -> Self {
        Measurement { name: name.into(), value, unit, note: String::new() }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }
}

impl fmt::Display for Measurement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<66} {:>10.3} {:<14}", self.name, self.value, self.unit)?;
        if !self.note.is_empty() {
            write!(f, " {}", self.note)?;
        }
        Ok(())
    }
}

/// Median of a set of samples (sorted in place). Returns 0 for an empty set.
pub fn median(samples: &mut [f64]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    samples.sort_by(|a, b| a.total_cmp(b));
    let mid = samples.len() / 2;
    if samples.len().is_multiple_of(2) { (samples[mid - 1] + samples[mid]) / 2.0 } else { samples[mid] }
}

/// Process CPU time (user + system, all threads) consumed so far, from getrusage.
pub fn process_cpu_time() -> std::time::Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a complete rusage into the pointer it is given.
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
            return std::time::Duration::ZERO;
        }
        usage.assume_init()
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    std::time::Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

#[cfg(test)]
mod tests {
    #[test]
    fn median_of_even_and_odd_sets() {
        assert_eq!(super::median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(super::median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(super::median(&mut []), 0.0);
    }
}
