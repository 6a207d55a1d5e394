//! Running one test in a fresh engine process, per the protocol in `wpt/README.md`.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::discovery::{Kind, TestFile};
use crate::results::{SubtestResult, TestResult, find_report, parse_report};
use crate::status::Status;

#[derive(Clone, Debug)]
pub struct EngineOptions {
    pub binary: PathBuf,
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
    pub timeout_multiplier: f64,
    /// Seconds added to 1.5 × the harness timeout before the runner kills the engine.
    pub kill_grace_secs: f64,
}

impl EngineOptions {
    /// testharness.js's timeout for the test, in seconds, multiplier applied.
    pub fn harness_timeout(&self, test: &TestFile) -> f64 {
        test.harness_timeout_secs() * self.timeout_multiplier
    }

    /// The runner's own wall-clock limit for the engine process.
    pub fn wall_clock_limit(&self, test: &TestFile) -> Duration {
        Duration::from_secs_f64(self.harness_timeout(test) * 1.5 + self.kill_grace_secs)
    }

    /// The engine's command line.
    pub fn command_args(&self, test: &TestFile) -> Vec<String> {
        let mut args = vec!["--wpt".to_owned()];
        if test.kind == Kind::Crashtest {
            args.push("--wpt-crashtest".into());
        }
        args.push("--timeout".into());
        args.push(format!("{}", self.harness_timeout(test).ceil().max(1.0) as u64));
        args.push(format!("{}{}", self.base_url, test.url));
        args
    }
}

/// Describes how a process ended.
pub fn describe_exit(status: ExitStatus) -> String {
    if let Some(sig) = status.signal() {
        let name = match sig {
            libc::SIGSEGV => " (SIGSEGV)",
            libc::SIGABRT => " (SIGABRT)",
            libc::SIGBUS => " (SIGBUS)",
            libc::SIGILL => " (SIGILL)",
            libc::SIGFPE => " (SIGFPE)",
            libc::SIGKILL => " (SIGKILL)",
            libc::SIGTERM => " (SIGTERM)",
            _ => "",
        };
        return format!("killed by signal {sig}{name}");
    }
    match status.code() {
        Some(101) => "exit code 101 (Rust panic)".into(),
        Some(c) => format!("exit code {c}"),
        None => "unknown exit".into(),
    }
}

fn kill_group(child: &Child) {
    // The engine runs in its own process group (see `spawn`), so this reaches anything it started.
    let pgid = child.id() as libc::pid_t;
    // SAFETY: plain syscall; a negative pid addresses the process group we created.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// How the process ended.
struct Outcome {
    exit: Option<ExitStatus>,
    timed_out: bool,
    stdout: String,
    stderr: String,
    duration: Duration,
    spawn_error: Option<String>,
}

fn run_process(opts: &EngineOptions, test: &TestFile) -> Outcome {
    let start = Instant::now();
    let mut cmd = Command::new(&opts.binary);
    cmd.args(opts.command_args(test))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Outcome {
                exit: None,
                timed_out: false,
                stdout: String::new(),
                stderr: String::new(),
                duration: start.elapsed(),
                spawn_error: Some(format!("cannot start {}: {e}", opts.binary.display())),
            };
        }
    };
    let (tx, rx) = mpsc::channel::<(bool, String)>();
    for (is_out, pipe) in [
        (true, child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>)),
        (false, child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>)),
    ] {
        let tx = tx.clone();
        if let Some(mut pipe) = pipe {
            thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = pipe.read_to_end(&mut buf);
                let _ = tx.send((is_out, String::from_utf8_lossy(&buf).into_owned()));
            });
        }
    }
    drop(tx);
    let deadline = start + opts.wall_clock_limit(test);
    let mut timed_out = false;
    let exit = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(_) => break None,
        }
        if Instant::now() >= deadline {
            timed_out = true;
            kill_group(&child);
            break child.wait().ok();
        }
        thread::sleep(Duration::from_millis(10));
    };
    let duration = start.elapsed();
    let (mut stdout, mut stderr) = (String::new(), String::new());
    let mut collect = |rx: &mpsc::Receiver<(bool, String)>, wait: Duration| -> bool {
        for _ in 0..2 {
            match rx.recv_timeout(wait) {
                Ok((true, s)) => stdout = s,
                Ok((false, s)) => stderr = s,
                Err(mpsc::RecvTimeoutError::Disconnected) => return true,
                Err(mpsc::RecvTimeoutError::Timeout) => return false,
            }
        }
        true
    };
    if !collect(&rx, Duration::from_secs(2)) {
        // Something the engine started still holds its output open.
        kill_group(&child);
        collect(&rx, Duration::from_secs(2));
    }
    Outcome { exit, timed_out, stdout, stderr, duration, spawn_error: None }
}

/// Runs one test. `expected_subtests` names the subtests the expectation file knows about:
/// they are reported NOTRUN when the engine times out or crashes without a result.
pub fn run_test(opts: &EngineOptions, test: &TestFile, expected_subtests: &[String]) -> TestResult {
    let out = run_process(opts, test);
    let mut result = TestResult {
        test: test.clone(),
        status: Status::Error,
        message: None,
        subtests: Vec::new(),
        duration_ms: out.duration.as_millis() as u64,
        stdout: out.stdout,
        stderr: out.stderr,
    };
    if let Some(e) = out.spawn_error {
        result.message = Some(e);
        return result;
    }
    let limit = opts.wall_clock_limit(test).as_secs_f64();
    let exit_text = out.exit.map_or_else(|| "unknown exit".to_owned(), describe_exit);
    let crash_message = || {
        let t = tail(&result.stderr, 10);
        if t.is_empty() { format!("engine crashed: {exit_text}") } else { format!("engine crashed: {exit_text}\n{t}") }
    };
    let not_run = |why: &str| -> Vec<SubtestResult> {
        expected_subtests
            .iter()
            .map(|n| SubtestResult { name: n.clone(), status: Status::NotRun, message: Some(why.to_owned()) })
            .collect()
    };
    match test.kind {
        Kind::Crashtest => {
            if out.timed_out {
                result.status = Status::Timeout;
                result.message = Some(format!("engine killed after {limit:.1} s"));
            } else if out.exit.is_some_and(|s| s.success()) {
                result.status = Status::Pass;
            } else {
                result.status = Status::Crash;
                result.message = Some(crash_message());
            }
        }
        Kind::Testharness => {
            if let Some(json) = find_report(&result.stdout) {
                match parse_report(json) {
                    Ok((status, message, subtests)) => {
                        result.status = status;
                        result.message = message;
                        result.subtests = subtests;
                    }
                    Err(e) => {
                        result.status = Status::Error;
                        result.message = Some(format!("bad result line: {e}"));
                    }
                }
            } else if out.timed_out {
                result.status = Status::Timeout;
                result.message = Some(format!("engine killed after {limit:.1} s without reporting a result"));
                result.subtests = not_run("not run: engine timed out");
            } else if out.exit.is_some_and(|s| s.success()) {
                result.status = Status::Error;
                result.message = Some("engine exited 0 without reporting a result".into());
            } else {
                result.status = Status::Crash;
                result.message = Some(crash_message());
                result.subtests = not_run("not run: engine crashed");
            }
        }
    }
    result
}
