//! Result statuses, with testharness.js's numeric codes and wptreport's names.

use std::fmt;

/// A test-file or subtest status. Files use OK/ERROR/TIMEOUT/CRASH/PRECONDITION_FAILED
/// (crashtests PASS/CRASH/TIMEOUT); subtests use PASS/FAIL/TIMEOUT/NOTRUN/PRECONDITION_FAILED.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Pass,
    Fail,
    Timeout,
    NotRun,
    PreconditionFailed,
    Ok,
    Error,
    Crash,
}

/// Which level a status belongs to, for validating expectation files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// A whole test file (testharness or crashtest).
    File,
    /// A subtest reported by testharness.js.
    Subtest,
}

impl Status {
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Timeout => "TIMEOUT",
            Status::NotRun => "NOTRUN",
            Status::PreconditionFailed => "PRECONDITION_FAILED",
            Status::Ok => "OK",
            Status::Error => "ERROR",
            Status::Crash => "CRASH",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "PASS" => Status::Pass,
            "FAIL" => Status::Fail,
            "TIMEOUT" => Status::Timeout,
            "NOTRUN" => Status::NotRun,
            "PRECONDITION_FAILED" => Status::PreconditionFailed,
            "OK" => Status::Ok,
            "ERROR" => Status::Error,
            "CRASH" => Status::Crash,
            _ => return None,
        })
    }

    /// testharness.js `Test.statuses`: PASS 0, FAIL 1, TIMEOUT 2, NOTRUN 3, PRECONDITION_FAILED 4.
    pub fn from_subtest_code(code: i64) -> Option<Status> {
        Some(match code {
            0 => Status::Pass,
            1 => Status::Fail,
            2 => Status::Timeout,
            3 => Status::NotRun,
            4 => Status::PreconditionFailed,
            _ => return None,
        })
    }

    /// testharness.js `TestsStatus.statuses`: OK 0, ERROR 1, TIMEOUT 2, PRECONDITION_FAILED 3.
    pub fn from_harness_code(code: i64) -> Option<Status> {
        Some(match code {
            0 => Status::Ok,
            1 => Status::Error,
            2 => Status::Timeout,
            3 => Status::PreconditionFailed,
            _ => return None,
        })
    }

    /// The "everything is fine" statuses: PASS and OK.
    pub const fn is_passing(self) -> bool {
        matches!(self, Status::Pass | Status::Ok)
    }

    /// Whether the status may appear at `level` in an expectation file.
    pub const fn valid_at(self, level: Level) -> bool {
        match level {
            // PASS is a crashtest's file status.
            Level::File => matches!(
                self,
                Status::Ok
                    | Status::Error
                    | Status::Timeout
                    | Status::Crash
                    | Status::PreconditionFailed
                    | Status::Pass
            ),
            Level::Subtest => matches!(
                self,
                Status::Pass | Status::Fail | Status::Timeout | Status::NotRun | Status::PreconditionFailed
            ),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
