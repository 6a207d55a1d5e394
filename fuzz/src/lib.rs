//! Helpers shared by the fuzz targets in `tests/`.
//!
//! Every target takes a byte string (what libFuzzer or bolero's random engine hands it) and
//! derives its input from it with [`Bytes`], so the same target runs under `cargo test` (bolero's
//! random engine, a few seconds: the smoke run of `./mach test`) and under libFuzzer
//! (`./mach fuzz TARGET SECONDS`, nightly). Crashes found are kept as files under
//! `fuzz/regressions/TARGET/` and replayed first by every run ([`replay_regressions`]).

use std::path::PathBuf;

/// Reads values out of a fuzzer's byte string; past the end every read returns zero/empty,
/// so any input is a valid (if short) test case.
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data }
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    pub fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }

    /// An index below `len` (0 when `len` is 0).
    pub fn below(&mut self, len: usize) -> usize {
        if len == 0 { 0 } else { self.u32() as usize % len }
    }

    /// Picks one of `items` (which must not be empty).
    pub fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        &items[self.below(items.len())]
    }

    /// A number biased towards the values that break arithmetic: 0, -0, ±1, NaN, ±∞, the
    /// extremes of the integer types, tiny and huge values; else any bit pattern.
    pub fn f64(&mut self) -> f64 {
        const SPECIAL: [f64; 16] = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN_POSITIVE,
            4294967295.0,
            4294967296.0,
            2147483648.0,
            -2147483649.0,
            1e-300,
            30.0,
        ];
        match self.u8() % 4 {
            0 => SPECIAL[self.below(SPECIAL.len())],
            1 => self.u16() as f64,
            2 => self.u16() as f64 / 256.0 - 128.0,
            _ => f64::from_bits(u64::from(self.u32()) << 32 | u64::from(self.u32())),
        }
    }

    /// A short string: one of `words`, or a few raw characters.
    pub fn string(&mut self, words: &[&str]) -> String {
        if !words.is_empty() && !self.u8().is_multiple_of(4) {
            return (*self.pick(words)).to_string();
        }
        let len = self.below(8);
        (0..len).map(|_| char::from_u32(u32::from(self.u16())).unwrap_or('\u{FFFD}')).collect()
    }

    /// The rest of the input.
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.data)
    }
}

/// Applies a sequence of edits driven by `bytes` to `text`: delete, duplicate or move a
/// span, insert a token of `dictionary` or a raw byte, replace a span with a token.
/// Edits stay on char boundaries, so the result is valid UTF-8 like a real source file.
pub fn mutate_text(text: &str, bytes: &mut Bytes<'_>, dictionary: &[&str]) -> String {
    let mut text = text.to_string();
    let edits = 1 + bytes.below(8);
    for _ in 0..edits {
        if bytes.is_empty() {
            break;
        }
        let a = boundary(&text, bytes.below(text.len() + 1));
        let span = 1 + bytes.below(64);
        let b = boundary(&text, (a + span).min(text.len()));
        match bytes.u8() % 6 {
            0 => {
                text.replace_range(a..b, "");
            }
            1 => {
                let dup = text[a..b].to_string();
                text.insert_str(b, &dup);
            }
            2 => {
                let token = *bytes.pick(dictionary);
                text.insert_str(a, token);
            }
            3 => {
                let token = *bytes.pick(dictionary);
                text.replace_range(a..b, token);
            }
            4 => {
                let c = char::from(bytes.u8() & 0x7f);
                text.insert(a, c);
            }
            _ => {
                let moved = text[a..b].to_string();
                text.replace_range(a..b, "");
                let to = boundary(&text, bytes.below(text.len() + 1));
                text.insert_str(to, &moved);
            }
        }
    }
    text
}

fn boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `fuzz/regressions/TARGET`: inputs that once crashed the target, one file each.
pub fn regression_dir(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("regressions").join(target)
}

/// Runs `test` on every file of `fuzz/regressions/TARGET`; returns how many there were.
pub fn replay_regressions(target: &str, mut test: impl FnMut(&[u8])) -> usize {
    let Ok(dir) = std::fs::read_dir(regression_dir(target)) else { return 0 };
    let mut paths: Vec<PathBuf> = dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_file()).collect();
    paths.sort();
    for p in &paths {
        let data = std::fs::read(p).unwrap();
        eprintln!("replaying {}", p.display());
        test(&data);
    }
    paths.len()
}

/// How long bolero's random engine runs a target under `cargo test`: 2 s (the smoke run of
/// `./mach test`), or `APERTURE_FUZZ_SECONDS` (`./mach fuzz TARGET SECONDS` without libFuzzer).
pub fn test_time() -> std::time::Duration {
    let secs = std::env::var("APERTURE_FUZZ_SECONDS").ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(2.0);
    std::time::Duration::from_secs_f64(secs.max(0.0))
}

/// Runs `test` as the fuzz target `name`: the regressions first, then bolero's engine (random
/// inputs for [`test_time`] under `cargo test`, libFuzzer under `cargo bolero`); prints how many
/// inputs ran, for the README's figures.
pub fn fuzz(name: &str, test: fn(&[u8])) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let replayed = replay_regressions(name, test);
    let start = std::time::Instant::now();
    bolero::check!().with_test_time(test_time()).for_each(move |data: &[u8]| {
        RUNS.fetch_add(1, Ordering::Relaxed);
        test(data)
    });
    eprintln!(
        "fuzz target {name}: {replayed} regression inputs, {} generated inputs in {:.1} s, no failure",
        RUNS.load(Ordering::Relaxed),
        start.elapsed().as_secs_f64()
    );
}
