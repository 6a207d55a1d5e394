//! Command-line options.

use std::path::PathBuf;

pub const USAGE: &str = "\
Usage: wpt-runner [OPTIONS] [PATHS...]

Runs web-platform-tests in Aperture, one fresh engine process per test file, and
compares the results with the expectation files.

PATHS are WPT-relative files, directories or test URLs (default: everything).

Options:
  --binary PATH            engine binary (`aperture`); required to run tests
  --wpt-root DIR           WPT checkout (default: $APERTURE_WPT_ROOT)
  --meta DIR               expectation files (.ini); without it everything is
                           expected to pass
  --update-expectations    rewrite the expectation files from this run
  --timeout-multiplier F   multiply every timeout by F (default 1)
  --kill-grace SECS        seconds past 1.5 x the harness timeout before the
                           engine is killed (default 5)
  -j, --processes N        engine processes at once (default 1)
  --include PATTERN        only tests whose URL matches (repeatable)
  --exclude PATTERN        skip tests whose URL matches (repeatable)
  --total-chunks M         split the selected test files into M chunks
  --this-chunk N           run only chunk N (1..=M); the files of one source
                           stay together, chunks are stable for a given set
                           (a pattern with * or ? is a glob over the URL,
                           otherwise a substring)
  --log-wptreport FILE     write wptreport-style JSON
  --list                   list the tests and skipped URLs, run nothing
  --serve-only             only serve the WPT root (for a browser), until killed
  -v, --verbose            echo the engine's stdout and stderr
  -h, --help               this text

Exit status: 0 all results as expected, 1 unexpected results or bad expectation
files, 2 usage or setup errors.
";

#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    pub binary: Option<PathBuf>,
    pub wpt_root: Option<PathBuf>,
    pub meta: Option<PathBuf>,
    pub update_expectations: bool,
    pub timeout_multiplier: f64,
    pub kill_grace: f64,
    pub processes: usize,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// `(this_chunk, total_chunks)`, 1-based, when the run is sharded.
    pub chunk: Option<(usize, usize)>,
    pub log_wptreport: Option<PathBuf>,
    pub list: bool,
    pub serve_only: bool,
    pub verbose: bool,
    pub help: bool,
    pub paths: Vec<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            binary: None,
            wpt_root: None,
            meta: None,
            update_expectations: false,
            timeout_multiplier: 1.0,
            kill_grace: 5.0,
            processes: 1,
            include: Vec::new(),
            exclude: Vec::new(),
            chunk: None,
            log_wptreport: None,
            list: false,
            serve_only: false,
            verbose: false,
            help: false,
            paths: Vec::new(),
        }
    }
}

fn positive_f64(opt: &str, v: &str) -> Result<f64, String> {
    match v.parse::<f64>() {
        Ok(f) if f.is_finite() && f > 0.0 => Ok(f),
        _ => Err(format!("{opt} needs a positive number, got {v:?}")),
    }
}

/// Parses arguments (without the program name). `--opt VALUE` and `--opt=VALUE` both work.
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut i = 0;
    let mut only_paths = false;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if only_paths || !arg.starts_with('-') || arg == "-" {
            o.paths.push(arg.clone());
            continue;
        }
        if arg == "--" {
            only_paths = true;
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let takes_value = matches!(
            name.as_str(),
            "--binary"
                | "--wpt-root"
                | "--meta"
                | "--timeout-multiplier"
                | "--kill-grace"
                | "-j"
                | "--processes"
                | "--include"
                | "--exclude"
                | "--this-chunk"
                | "--total-chunks"
                | "--log-wptreport"
        );
        let value = if takes_value {
            match inline {
                Some(v) => v,
                None => {
                    let v = args.get(i).cloned().ok_or_else(|| format!("{name} needs a value"))?;
                    i += 1;
                    v
                }
            }
        } else {
            if inline.is_some() {
                return Err(format!("{name} takes no value"));
            }
            String::new()
        };
        match name.as_str() {
            "--binary" => o.binary = Some(value.into()),
            "--wpt-root" => o.wpt_root = Some(value.into()),
            "--meta" => o.meta = Some(value.into()),
            "--timeout-multiplier" => o.timeout_multiplier = positive_f64(&name, &value)?,
            "--kill-grace" => {
                o.kill_grace = match value.parse::<f64>() {
                    Ok(f) if f.is_finite() && f >= 0.0 => f,
                    _ => return Err(format!("--kill-grace needs a number >= 0, got {value:?}")),
                }
            }
            "-j" | "--processes" => {
                o.processes = match value.parse::<usize>() {
                    Ok(n) if n > 0 => n,
                    _ => return Err(format!("{name} needs a positive integer, got {value:?}")),
                }
            }
            "--include" => o.include.push(value),
            "--exclude" => o.exclude.push(value),
            "--this-chunk" | "--total-chunks" => {
                let n = match value.parse::<usize>() {
                    Ok(n) if n >= 1 => n,
                    _ => return Err(format!("{name} needs a whole number >= 1, got {value:?}")),
                };
                let (this, total) = o.chunk.unwrap_or((1, 1));
                o.chunk = Some(if name == "--this-chunk" { (n, total) } else { (this, n) });
            }
            "--log-wptreport" => o.log_wptreport = Some(value.into()),
            "--update-expectations" => o.update_expectations = true,
            "--list" => o.list = true,
            "--serve-only" => o.serve_only = true,
            "-v" | "--verbose" => o.verbose = true,
            "-h" | "--help" => o.help = true,
            other => {
                // `-j4`
                if let Some(n) = other.strip_prefix("-j").filter(|n| !n.is_empty()) {
                    o.processes = match n.parse::<usize>() {
                        Ok(n) if n > 0 => n,
                        _ => return Err(format!("-j needs a positive integer, got {n:?}")),
                    };
                    continue;
                }
                return Err(format!("unknown option {other}"));
            }
        }
    }
    if let Some((this, total)) = o.chunk
        && this > total
    {
        return Err(format!("--this-chunk {this} is past --total-chunks {total}"));
    }
    Ok(o)
}
