//! The whole run: discovery, serving, running, comparing, reporting, updating.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::cli::{self, Options};
use crate::discovery::{self, Discovery, Kind, Skipped, TestFile};
use crate::engine::{self, EngineOptions};
use crate::ini::{self, IniFile, TestExpectation};
use crate::results::{self, Comparison, TestResult};
use crate::server::{ServeConfig, Server};
use crate::update;

/// One expectation file as loaded.
#[derive(Clone, Debug, Default)]
pub struct MetaFile {
    pub ini: Option<IniFile>,
    pub tests: BTreeMap<String, TestExpectation>,
    pub errors: Vec<String>,
    /// The file could not be parsed at all.
    pub broken: bool,
}

/// Loads an expectation file; a missing file is an empty one.
pub fn load_meta(path: &Path) -> MetaFile {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return MetaFile::default(),
        Err(e) => {
            return MetaFile { errors: vec![format!("cannot read: {e}")], broken: true, ..MetaFile::default() };
        }
    };
    match ini::parse(&text) {
        Ok(file) => {
            let (tests, errors) = ini::interpret(&file);
            MetaFile { ini: Some(file), tests, errors, broken: false }
        }
        Err(e) => MetaFile { errors: vec![e.to_string()], broken: true, ..MetaFile::default() },
    }
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

fn first_lines(text: &str, n: usize) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<&str> = lines.iter().take(n).copied().collect();
    if lines.len() > n {
        out.push("...");
    }
    out
}

/// Every `.ini` file under `meta`, as paths relative to it.
fn meta_files(meta: &Path) -> Vec<String> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            let child = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
            if e.path().is_dir() {
                walk(&e.path(), &child, out);
            } else if name.ends_with(".ini") {
                out.push(child);
            }
        }
    }
    let mut out = Vec::new();
    walk(meta, "", &mut out);
    out
}

/// The heading names a source file yields today (tests and skipped URLs).
fn source_sections(root: &Path, source: &str) -> BTreeSet<String> {
    let mut d = Discovery::default();
    if root.join(source).is_file() {
        discovery::classify(root, source, &mut d);
    }
    d.tests
        .iter()
        .map(|t| t.section_name().to_owned())
        .chain(d.skipped.iter().map(|s| discovery::section_name_of(&s.url).to_owned()))
        .collect()
}

/// Everything a finished run knows.
pub struct RunReport {
    pub results: Vec<TestResult>,
    pub comparisons: Vec<Comparison>,
    pub skipped: Vec<Skipped>,
    pub meta_errors: Vec<String>,
    pub stale: Vec<String>,
}

impl RunReport {
    pub fn unexpected_count(&self) -> usize {
        self.comparisons.iter().map(|c| c.unexpected.len()).sum()
    }

    pub fn counts(&self) -> (usize, usize) {
        self.results.iter().map(TestResult::counts).fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    }

    /// The human-readable report (table, skipped, stale, errors, unexpected results, totals).
    /// Unexpected results come last, just above the totals, so that the tail of a long log
    /// (all a CI summary may keep) names them.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{:<19} {:>9} {:>10}  TEST", "STATUS", "PASSED", "UNEXPECTED");
        for (r, c) in self.results.iter().zip(&self.comparisons) {
            let (p, f) = r.counts();
            let _ = writeln!(
                s,
                "{:<19} {:>9} {:>10}  {}",
                r.status,
                format!("{p}/{}", p + f),
                c.unexpected.len(),
                r.test.url
            );
        }
        if !self.skipped.is_empty() {
            let _ = writeln!(s, "\nSkipped ({}):", self.skipped.len());
            for sk in &self.skipped {
                let _ = writeln!(s, "  {}: {}", sk.url, sk.reason);
            }
        }
        if !self.stale.is_empty() {
            let _ = writeln!(s, "\nStale expectations ({}):", self.stale.len());
            for st in &self.stale {
                let _ = writeln!(s, "  {st}");
            }
        }
        if !self.meta_errors.is_empty() {
            let _ = writeln!(s, "\nExpectation file errors ({}):", self.meta_errors.len());
            for e in &self.meta_errors {
                let _ = writeln!(s, "  {e}");
            }
        }
        let unexpected: Vec<_> = self.comparisons.iter().flat_map(|c| &c.unexpected).collect();
        if !unexpected.is_empty() {
            let _ = writeln!(s, "\nUnexpected results ({}):", unexpected.len());
            let mut last_url = "";
            for u in unexpected {
                if u.url != last_url {
                    let _ = writeln!(s, "  {}", u.url);
                    last_url = &u.url;
                }
                let what = match &u.subtest {
                    None => String::new(),
                    Some(n) => format!("[{n}] "),
                };
                let _ = writeln!(s, "    {what}{} (expected {})", u.actual, ini::format_statuses(&u.expected));
                if let Some(m) = u.message.as_deref().filter(|m| !m.trim().is_empty()) {
                    for line in first_lines(m, 6) {
                        let _ = writeln!(s, "      {line}");
                    }
                }
            }
        }
        let (p, f) = self.counts();
        let _ = writeln!(s, "\n{p} passed, {f} failed");
        let _ = writeln!(s, "{} unexpected", self.unexpected_count());
        s
    }

    /// wptreport-style JSON.
    pub fn wptreport(&self, run_info: Value, time_start: u64, time_end: u64) -> Value {
        let expected_fields = |obj: &mut serde_json::Map<String, Value>,
                               expected: Option<&Vec<crate::status::Status>>| {
            if let Some(exp) = expected {
                obj.insert("expected".into(), json!(exp[0].as_str()));
                if exp.len() > 1 {
                    obj.insert(
                        "known_intermittent".into(),
                        json!(exp[1..].iter().map(|s| s.as_str()).collect::<Vec<_>>()),
                    );
                }
            }
        };
        let results: Vec<Value> = self
            .results
            .iter()
            .zip(&self.comparisons)
            .map(|(r, c)| {
                let subtests: Vec<Value> = r
                    .subtests
                    .iter()
                    .map(|t| {
                        let mut o = serde_json::Map::new();
                        o.insert("name".into(), json!(t.name));
                        o.insert("status".into(), json!(t.status.as_str()));
                        o.insert("message".into(), json!(t.message));
                        let exp =
                            c.unexpected.iter().find(|u| u.subtest.as_deref() == Some(&t.name)).map(|u| &u.expected);
                        expected_fields(&mut o, exp);
                        Value::Object(o)
                    })
                    .collect();
                let mut o = serde_json::Map::new();
                o.insert("test".into(), json!(r.test.url));
                o.insert("status".into(), json!(r.status.as_str()));
                o.insert("message".into(), json!(r.message));
                o.insert("subtests".into(), Value::Array(subtests));
                o.insert("duration".into(), json!(r.duration_ms));
                let exp = c.unexpected.iter().find(|u| u.subtest.is_none()).map(|u| &u.expected);
                expected_fields(&mut o, exp);
                Value::Object(o)
            })
            .collect();
        json!({"run_info": run_info, "results": results, "time_start": time_start, "time_end": time_end})
    }
}

fn in_scope(source: &str, scope_dirs: &[String], scope_files: &BTreeSet<String>) -> bool {
    scope_files.contains(source)
        || scope_dirs.iter().any(|d| d.is_empty() || source == d || source.starts_with(&format!("{d}/")))
}

/// Entry point: returns the process exit code.
pub fn main_with_args(args: &[String]) -> i32 {
    let opts = match cli::parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("wpt-runner: {e}\n(see --help)");
            return 2;
        }
    };
    if opts.help {
        print!("{}", cli::USAGE);
        return 0;
    }
    match run(&opts) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("wpt-runner: {e}");
            2
        }
    }
}

/// Runs with parsed options.
/// Chunk `this` of `total` (1-based) of `tests`: the distinct source files, in
/// URL order, dealt round-robin, so every variant of one file lands in the
/// same chunk and the chunks of one test set are the same on every machine.
pub fn chunk_of(tests: Vec<TestFile>, this: usize, total: usize) -> Vec<TestFile> {
    let mut sources: Vec<&str> = tests.iter().map(|t| t.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let mine: std::collections::HashSet<String> =
        sources.iter().enumerate().filter(|(i, _)| i % total == this - 1).map(|(_, s)| (*s).to_owned()).collect();
    tests.into_iter().filter(|t| mine.contains(&t.source)).collect()
}

pub fn run(opts: &Options) -> Result<i32, String> {
    let root: PathBuf = opts
        .wpt_root
        .clone()
        .or_else(|| std::env::var_os("APERTURE_WPT_ROOT").map(PathBuf::from))
        .ok_or("no WPT checkout: pass --wpt-root DIR or set APERTURE_WPT_ROOT")?;
    let root = root.canonicalize().map_err(|e| format!("WPT root {}: {e}", root.display()))?;
    let found = discovery::discover(&root, &opts.paths)?;
    let selected = |url: &str| {
        (opts.include.is_empty() || opts.include.iter().any(|p| discovery::pattern_matches(p, url)))
            && !opts.exclude.iter().any(|p| discovery::pattern_matches(p, url))
    };
    let mut tests: Vec<TestFile> = found.tests.iter().filter(|t| selected(&t.url)).cloned().collect();
    if let Some((this, total)) = opts.chunk {
        tests = chunk_of(tests, this, total);
    }
    let mut skipped: Vec<Skipped> = found.skipped.iter().filter(|s| selected(&s.url)).cloned().collect();

    // Expectations.
    let mut metas: BTreeMap<String, MetaFile> = BTreeMap::new();
    if let Some(meta_dir) = &opts.meta {
        for t in &tests {
            metas.entry(t.meta_path()).or_insert_with(|| load_meta(&meta_dir.join(t.meta_path())));
        }
    }
    let expectation = |metas: &BTreeMap<String, MetaFile>, t: &TestFile| -> Option<TestExpectation> {
        metas.get(&t.meta_path()).and_then(|m| m.tests.get(t.section_name())).cloned()
    };
    tests.retain(|t| match expectation(&metas, t).and_then(|e| e.disabled) {
        Some(reason) => {
            skipped.push(Skipped {
                url: t.url.clone(),
                source: t.source.clone(),
                reason: format!("disabled: {reason}"),
            });
            false
        }
        None => true,
    });
    skipped.sort_by(|a, b| a.url.cmp(&b.url));

    if opts.list {
        for t in &tests {
            let kind = match t.kind {
                Kind::Testharness => "testharness",
                Kind::Crashtest => "crashtest",
            };
            println!("{kind:<12}{}{}", t.url, if t.timeout_long { "  (timeout=long)" } else { "" });
        }
        for s in &skipped {
            println!("{:<12}{}: {}", "skipped", s.url, s.reason);
        }
        return Ok(0);
    }

    let server = Server::start(ServeConfig { root: root.clone(), timeout_multiplier: opts.timeout_multiplier })
        .map_err(|e| format!("cannot start the HTTP server: {e}"))?;
    if opts.serve_only {
        println!("Serving {} at {}/ (Ctrl-C to stop)", root.display(), server.base_url());
        for t in &tests {
            println!("  {}{}", server.base_url(), t.url);
        }
        loop {
            std::thread::park();
        }
    }
    let binary = opts.binary.clone().ok_or("--binary PATH is required to run tests")?;
    if binary.components().count() > 1 && !binary.is_file() {
        return Err(format!("engine binary {} does not exist", binary.display()));
    }
    let engine_opts = EngineOptions {
        binary,
        base_url: server.base_url(),
        timeout_multiplier: opts.timeout_multiplier,
        kill_grace_secs: opts.kill_grace,
    };

    // Run.
    let time_start = now_ms();
    let total = tests.len();
    let mut slots: Vec<Option<TestResult>> = vec![None; total];
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, TestResult)>();
    std::thread::scope(|scope| {
        for _ in 0..opts.processes.min(total.max(1)) {
            let tx = tx.clone();
            let (tests, metas, next, engine_opts) = (&tests, &metas, &next, &engine_opts);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(t) = tests.get(i) else { break };
                    let names: Vec<String> =
                        expectation(metas, t).map(|e| e.subtests.keys().cloned().collect()).unwrap_or_default();
                    let r = engine::run_test(engine_opts, t, &names);
                    if tx.send((i, r)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut done = 0;
        for (i, r) in rx {
            done += 1;
            let exp = expectation(&metas, &r.test);
            let c = results::compare(&r, exp.as_ref());
            let flag = if c.unexpected.is_empty() { "" } else { "  (unexpected)" };
            eprintln!(
                "[{done:>width$}/{total}] {:<19} {}{flag}",
                r.status.as_str(),
                r.test.url,
                width = total.to_string().len()
            );
            if opts.verbose {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(
                    err,
                    "--- {} ({}: {})\n--- stdout:\n{}--- stderr:\n{}--- end of {}",
                    r.test.url,
                    engine_opts.binary.display(),
                    engine_opts.command_args(&r.test).join(" "),
                    r.stdout,
                    r.stderr,
                    r.test.url
                );
            }
            slots[i] = Some(r);
        }
    });
    let time_end = now_ms();
    let results: Vec<TestResult> = slots.into_iter().flatten().collect();

    // Compare.
    let meta_display = |rel: &str| opts.meta.as_ref().map_or(rel.to_owned(), |m| m.join(rel).display().to_string());
    let mut comparisons = Vec::new();
    let mut stale = Vec::new();
    for r in &results {
        let exp = expectation(&metas, &r.test);
        let c = results::compare(r, exp.as_ref());
        for name in &c.stale_subtests {
            stale.push(format!(
                "{}: [{}] [{}]: no such subtest was reported",
                meta_display(&r.test.meta_path()),
                r.test.section_name(),
                name
            ));
        }
        comparisons.push(c);
    }
    let mut meta_errors = Vec::new();
    for (rel, m) in &metas {
        for e in &m.errors {
            meta_errors.push(format!("{}: {e}", meta_display(rel)));
        }
        if let Some(ini) = &m.ini {
            let source = rel.strip_suffix(".ini").unwrap_or(rel);
            let existing = source_sections(&root, source);
            for s in &ini.sections {
                if !existing.contains(&s.name) {
                    stale.push(format!("{}: [{}]: {source} has no such test", meta_display(rel), s.name));
                }
            }
        }
    }
    // Expectation files whose test is gone (within the selected paths).
    let scope_dirs: Vec<String> = if opts.paths.is_empty() {
        vec![String::new()]
    } else {
        opts.paths
            .iter()
            .map(|p| discovery::normalize_arg(p))
            .filter(|p| p.is_empty() || root.join(p).is_dir())
            .collect()
    };
    let scope_files: BTreeSet<String> = found.tests.iter().map(|t| t.source.clone()).collect();
    let mut stale_files = Vec::new();
    if let Some(meta_dir) = &opts.meta {
        for rel in meta_files(meta_dir) {
            let source = rel.strip_suffix(".ini").unwrap_or(&rel).to_owned();
            if source.rsplit('/').next() == Some("__dir__") {
                if in_scope(&source, &scope_dirs, &scope_files) {
                    meta_errors.push(format!("{}: __dir__.ini files are not supported", meta_display(&rel)));
                }
                continue;
            }
            if in_scope(&source, &scope_dirs, &scope_files) && source_sections(&root, &source).is_empty() {
                stale.push(format!("{}: {source} is not a test (any more)", meta_display(&rel)));
                stale_files.push(rel);
            }
        }
    }

    let report = RunReport { results, comparisons, skipped, meta_errors, stale };
    print!("{}", report.render());

    if let Some(path) = &opts.log_wptreport {
        let run_info = json!({
            "product": "aperture",
            "binary": engine_opts.binary.display().to_string(),
            "os": std::env::consts::OS,
            "processor": std::env::consts::ARCH,
            "wpt_root": root.display().to_string(),
            "timeout_multiplier": opts.timeout_multiplier,
        });
        let text = serde_json::to_string_pretty(&report.wptreport(run_info, time_start, time_end))
            .map_err(|e| format!("serialising the report: {e}"))?;
        fs::write(path, text + "\n").map_err(|e| format!("writing {}: {e}", path.display()))?;
    }

    if opts.update_expectations {
        let meta_dir = opts.meta.as_ref().ok_or("--update-expectations needs --meta DIR")?;
        return update_expectations(meta_dir, &root, &report.results, &metas, &stale_files);
    }
    let failed = report.unexpected_count() > 0 || !report.meta_errors.is_empty();
    Ok(if failed { 1 } else { 0 })
}

fn remove_empty_dirs(meta_dir: &Path, mut dir: PathBuf) {
    while dir != meta_dir && dir.starts_with(meta_dir) {
        if fs::remove_dir(&dir).is_err() {
            break;
        }
        if !dir.pop() {
            break;
        }
    }
}

/// Rewrites the expectation files of the tests that ran (and deletes stale ones).
pub fn update_expectations(
    meta_dir: &Path,
    root: &Path,
    results: &[TestResult],
    metas: &BTreeMap<String, MetaFile>,
    stale_files: &[String],
) -> Result<i32, String> {
    let mut by_file: BTreeMap<String, Vec<&TestResult>> = BTreeMap::new();
    for r in results {
        by_file.entry(r.test.meta_path()).or_default().push(r);
    }
    let (mut written, mut deleted, mut code) = (0, 0, 0);
    let mut delete = |rel: &str| -> Result<(), String> {
        let path = meta_dir.join(rel);
        if path.exists() {
            fs::remove_file(&path).map_err(|e| format!("deleting {}: {e}", path.display()))?;
            deleted += 1;
            if let Some(parent) = path.parent() {
                remove_empty_dirs(meta_dir, parent.to_path_buf());
            }
        }
        Ok(())
    };
    for (rel, rs) in &by_file {
        let meta = metas.get(rel).cloned().unwrap_or_default();
        if meta.broken {
            eprintln!("wpt-runner: not updating {}: it cannot be parsed; fix it by hand", meta_dir.join(rel).display());
            code = 1;
            continue;
        }
        let source = rel.strip_suffix(".ini").unwrap_or(rel);
        let new = update::updated_file(meta.ini.as_ref(), rs, &source_sections(root, source));
        if new.is_empty() {
            delete(rel)?;
            continue;
        }
        let text = ini::write(&new);
        let path = meta_dir.join(rel);
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
            }
            fs::write(&path, &text).map_err(|e| format!("writing {}: {e}", path.display()))?;
            written += 1;
        }
    }
    for rel in stale_files {
        delete(rel)?;
    }
    println!("Updated expectations in {}: {written} written, {deleted} deleted", meta_dir.display());
    Ok(code)
}
