//! `--update-expectations`: rewriting expectation files from a run.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::ini::{self, Entry, IniFile, Section};
use crate::results::{TestResult, default_file_status};
use crate::status::Status;

/// Longest reason written from a failure message.
pub const MAX_REASON_CHARS: usize = 100;

/// The reason written for a new non-passing expectation: the first line of the message
/// (trimmed, at most 100 characters), or a stock phrase when there is none.
pub fn reason_for(status: Status, message: Option<&str>) -> String {
    let first = message.and_then(|m| m.lines().map(str::trim).find(|l| !l.is_empty())).unwrap_or("");
    if first.is_empty() {
        return match status {
            Status::NotRun => "not run: harness stopped early",
            Status::Timeout => "timed out",
            Status::Crash => "crashed",
            Status::Error => "harness error",
            Status::PreconditionFailed => "precondition failed",
            _ => "failed",
        }
        .to_owned();
    }
    if first.chars().count() <= MAX_REASON_CHARS {
        first.to_owned()
    } else {
        let cut: String = first.chars().take(MAX_REASON_CHARS - 3).collect();
        format!("{}...", cut.trim_end())
    }
}

/// The `expected:` entry for one result, reusing the old entry (and its reason) when it still
/// allows the actual status; `None` when the status is the default and nothing special was said.
fn expected_entry(old: Option<&Entry>, actual: Status, default: Status, message: Option<&str>) -> Option<Entry> {
    if let Some(old) = old
        && let Ok(statuses) = ini::parse_statuses(&old.value)
        && statuses.contains(&actual)
        && statuses != [default]
    {
        let mut e = old.clone();
        let has_reason = e.comments.iter().any(|c| !c.trim().is_empty());
        if !has_reason && statuses.iter().any(|s| !s.is_passing()) {
            e.comments = vec![reason_for(actual, message)];
        }
        e.line = 0;
        return Some(e);
    }
    if actual == default {
        return None;
    }
    Some(Entry::new("expected", actual.as_str(), vec![reason_for(actual, message)]))
}

/// The heading for one test after a run, from its old heading (if any).
pub fn updated_section(result: &TestResult, old: Option<&Section>) -> Option<Section> {
    let mut s = Section::new(result.test.section_name());
    let old_expected = old.and_then(|o| o.entry("expected"));
    if let Some(e) =
        expected_entry(old_expected, result.status, default_file_status(result.test.kind), result.message.as_deref())
    {
        s.entries.push(e);
    }
    let mut seen = HashSet::new();
    let mut subtests: Vec<_> = result.subtests.iter().filter(|t| seen.insert(t.name.clone())).collect();
    subtests.sort_by(|a, b| a.name.cmp(&b.name));
    for t in subtests {
        let old_child = old.and_then(|o| o.child(&t.name));
        if let Some(e) =
            expected_entry(old_child.and_then(|c| c.entry("expected")), t.status, Status::Pass, t.message.as_deref())
        {
            let mut c = Section::new(&t.name);
            c.entries.push(e);
            if let Some(oc) = old_child {
                c.comments = oc.comments.clone();
                c.entries.extend(oc.entries.iter().filter(|e| e.key != "expected").cloned().map(|mut e| {
                    e.line = 0;
                    e
                }));
            }
            s.children.push(c);
        }
    }
    if s.entries.is_empty() && s.children.is_empty() {
        return None;
    }
    if let Some(o) = old {
        s.comments = o.comments.clone();
        s.entries.extend(o.entries.iter().filter(|e| e.key != "expected").cloned().map(|mut e| {
            e.line = 0;
            e
        }));
    }
    Some(s)
}

/// The new contents of one expectation file. `results` are this run's results for tests of the
/// file's source; `existing` names every heading the source currently yields (tests not run
/// this time, e.g. filtered out, disabled or skipped, keep their old headings; headings for
/// URLs the source no longer yields are dropped).
pub fn updated_file(old: Option<&IniFile>, results: &[&TestResult], existing: &BTreeSet<String>) -> IniFile {
    let mut by_name: BTreeMap<String, Section> = BTreeMap::new();
    let run: BTreeSet<&str> = results.iter().map(|r| r.test.section_name()).collect();
    if let Some(old) = old {
        for s in &old.sections {
            if !run.contains(s.name.as_str()) && existing.contains(&s.name) {
                by_name.insert(s.name.clone(), s.clone());
            }
        }
    }
    for r in results {
        let old_section = old.and_then(|o| o.section(r.test.section_name()));
        if let Some(s) = updated_section(r, old_section) {
            by_name.insert(s.name.clone(), s);
        }
    }
    IniFile {
        sections: by_name.into_values().collect(),
        trailing_comments: old.map(|o| o.trailing_comments.clone()).unwrap_or_default(),
    }
}
