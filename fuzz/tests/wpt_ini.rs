//! Fuzz target: the WPT expectation (`.ini`) parser of `wpt-runner`, on mutated files of
//! `wpt/meta`.
//!
//! Checks, besides "no panic": a file that parses is written back (`ini::write`, what
//! `--update` does) to text that parses again and writes the same text (the update must not
//! change what it does not touch); `interpret` reports errors instead of panicking.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fuzz_targets::{Bytes, fuzz, mutate_text};
use wpt_runner::ini;

const TOKENS: &[&str] = &[
    "[",
    "]",
    "\\]",
    "\\[",
    "\\",
    "[a.html]\n",
    "  [sub]\n",
    "expected: ",
    "disabled: ",
    "FAIL",
    "PASS",
    "TIMEOUT",
    "ERROR",
    "CRASH",
    "NOTRUN",
    "PRECONDITION_FAILED",
    "[FAIL, PASS]",
    "[]",
    ",",
    "# reason\n",
    "#",
    ":",
    "\n",
    "\r\n",
    "  ",
    "    ",
    "\t",
    "if os == \"linux\": FAIL",
    "\u{0}",
    "é",
    "?q=1",
    "#frag",
];

fn seeds() -> &'static Vec<String> {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut files = Vec::new();
        collect(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../wpt/meta"), &mut files);
        files.sort();
        files.truncate(200);
        assert!(!files.is_empty(), "no .ini seeds in wpt/meta");
        files.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "ini") {
            out.push(p);
        }
    }
}

fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let seed = b.pick(seeds());
    let text = mutate_text(seed, &mut b, TOKENS);
    let Ok(file) = ini::parse(&text) else { return };
    let _ = ini::interpret(&file);
    let written = ini::write(&file);
    let again =
        ini::parse(&written).unwrap_or_else(|e| panic!("{text:?}\nwrites\n{written:?}\nwhich does not parse: {e}"));
    assert_eq!(ini::write(&again), written, "{text:?}: writing is not stable");
}

#[test]
fn wpt_ini() {
    fuzz("wpt_ini", run);
}
