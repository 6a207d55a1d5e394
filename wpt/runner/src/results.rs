//! Results of running tests, and comparing them with expectations.

use serde_json::Value;

use crate::discovery::{Kind, TestFile};
use crate::ini::TestExpectation;
use crate::status::Status;

/// The line prefix the engine prints before the result JSON.
pub const RESULT_MARKER: &str = "@@APERTURE-WPT-RESULT@@";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubtestResult {
    pub name: String,
    pub status: Status,
    pub message: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestResult {
    pub test: TestFile,
    pub status: Status,
    pub message: Option<String>,
    pub subtests: Vec<SubtestResult>,
    pub duration_ms: u64,
    /// Engine output, for `--verbose`.
    pub stdout: String,
    pub stderr: String,
}

impl TestResult {
    /// (passed, not passed): subtests for testharness tests, the file for crashtests.
    pub fn counts(&self) -> (usize, usize) {
        match self.test.kind {
            Kind::Crashtest => {
                if self.status == Status::Pass {
                    (1, 0)
                } else {
                    (0, 1)
                }
            }
            Kind::Testharness => {
                let passed = self.subtests.iter().filter(|s| s.status == Status::Pass).count();
                (passed, self.subtests.len() - passed)
            }
        }
    }

    /// Whether nothing needs an expectation file: file OK/PASS and every subtest PASS.
    pub fn fully_passes(&self) -> bool {
        self.status.is_passing() && self.subtests.iter().all(|s| s.status == Status::Pass)
    }
}

/// The report line the engine printed, parsed: (harness status, message, subtests).
pub type Report = (Status, Option<String>, Vec<SubtestResult>);

fn opt_string(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    }
}

/// Finds the result line in the engine's stdout (the first one).
pub fn find_report(stdout: &str) -> Option<&str> {
    stdout.lines().find_map(|l| l.find(RESULT_MARKER).map(|i| l[i + RESULT_MARKER.len()..].trim()))
}

/// Parses the JSON produced by our testharnessreport.js.
pub fn parse_report(json: &str) -> Result<Report, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("result is not JSON: {e}"))?;
    let code = v.get("status").and_then(Value::as_i64).ok_or("result has no numeric \"status\"")?;
    let status = Status::from_harness_code(code).ok_or_else(|| format!("unknown harness status {code}"))?;
    let message = opt_string(v.get("message"));
    let mut subtests = Vec::new();
    let tests = v.get("tests").and_then(Value::as_array).ok_or("result has no \"tests\" array")?;
    for t in tests {
        let name = t.get("name").and_then(Value::as_str).ok_or("a subtest has no \"name\"")?;
        let code = t.get("status").and_then(Value::as_i64).ok_or("a subtest has no numeric \"status\"")?;
        let status = Status::from_subtest_code(code).ok_or_else(|| format!("unknown subtest status {code}"))?;
        subtests.push(SubtestResult { name: name.to_owned(), status, message: opt_string(t.get("message")) });
    }
    Ok((status, message, subtests))
}

/// One result that differs from its expectation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unexpected {
    pub url: String,
    /// `None` for the file status.
    pub subtest: Option<String>,
    pub actual: Status,
    pub expected: Vec<Status>,
    pub message: Option<String>,
}

/// The outcome of comparing one test's result with its expectation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub unexpected: Vec<Unexpected>,
    /// Subtests that have an expectation but were not reported.
    pub stale_subtests: Vec<String>,
}

/// The default file status of a test kind.
pub fn default_file_status(kind: Kind) -> Status {
    match kind {
        Kind::Testharness => Status::Ok,
        Kind::Crashtest => Status::Pass,
    }
}

/// The statuses a result is expected to have at file level.
pub fn expected_file_statuses(kind: Kind, exp: Option<&TestExpectation>) -> Vec<Status> {
    exp.and_then(|e| e.expected.as_ref()).map(|e| e.statuses.clone()).unwrap_or_else(|| vec![default_file_status(kind)])
}

/// Compares a result with its expectation (absent: everything PASS/OK).
pub fn compare(result: &TestResult, exp: Option<&TestExpectation>) -> Comparison {
    let mut out = Comparison::default();
    let url = &result.test.url;
    let file_expected = expected_file_statuses(result.test.kind, exp);
    if !file_expected.contains(&result.status) {
        out.unexpected.push(Unexpected {
            url: url.clone(),
            subtest: None,
            actual: result.status,
            expected: file_expected,
            message: result.message.clone(),
        });
    }
    let mut seen = std::collections::HashSet::new();
    for s in &result.subtests {
        if !seen.insert(s.name.as_str()) {
            continue;
        }
        let expected =
            exp.and_then(|e| e.subtests.get(&s.name)).map(|e| e.statuses.clone()).unwrap_or_else(|| vec![Status::Pass]);
        if !expected.contains(&s.status) {
            out.unexpected.push(Unexpected {
                url: url.clone(),
                subtest: Some(s.name.clone()),
                actual: s.status,
                expected,
                message: s.message.clone(),
            });
        }
    }
    if let Some(e) = exp {
        for name in e.subtests.keys() {
            if !seen.contains(name.as_str()) {
                out.stale_subtests.push(name.clone());
            }
        }
    }
    out
}
