//! Servo-style (wptrunner "wptmanifest") expectation files, the subset we use:
//!
//! ```text
//! [ImageCapture-creation.https.html]
//!   # getUserMedia has no fake camera yet
//!   expected: ERROR
//!   [grabFrame() of a disabled track rejects]
//!     # ImageCapture is not implemented
//!     expected: FAIL
//! ```
//!
//! Top-level headings name a test (the last segment of its URL, query included), nested headings
//! name its subtests. `key: value` lines belong to the heading above them at a smaller indent.
//! Values are a single word or a list `[A, B]` (any of them is expected). `#` lines are comments;
//! the comment lines directly above an `expected:` line are its *reason*. Conditional values
//! (`if os == "linux": FAIL`) are not supported.

use std::collections::BTreeMap;

use crate::status::{Level, Status};

/// A `key: value` line with the comment lines directly above it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub comments: Vec<String>,
    pub key: String,
    pub value: String,
    /// 1-based line number in the parsed file (0 when built in memory).
    pub line: usize,
}

/// A `[heading]` with its entries and nested headings.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Section {
    pub comments: Vec<String>,
    pub name: String,
    pub entries: Vec<Entry>,
    pub children: Vec<Section>,
    pub line: usize,
}

/// A whole expectation file.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct IniFile {
    pub sections: Vec<Section>,
    /// Comments after the last item.
    pub trailing_comments: Vec<String>,
}

/// A syntax error: the file cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl Entry {
    pub fn new(key: &str, value: &str, comments: Vec<String>) -> Entry {
        Entry { comments, key: key.to_owned(), value: value.to_owned(), line: 0 }
    }
}

impl Section {
    pub fn new(name: &str) -> Section {
        Section { name: name.to_owned(), ..Section::default() }
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn child(&self, name: &str) -> Option<&Section> {
        self.children.iter().find(|c| c.name == name)
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.children.is_empty()
    }
}

impl IniFile {
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(Section::is_empty)
    }
}

fn unescape_heading(s: &str, line: usize) -> Result<(String, &str), SyntaxError> {
    // `s` starts after the opening `[`; returns the name and the text after the closing `]`.
    let err = |message: &str| SyntaxError { line, message: message.to_owned() };
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            ']' => return Ok((out, &s[i + 1..])),
            '\\' => {
                let (_, e) = chars.next().ok_or_else(|| err("dangling escape in heading"))?;
                match e {
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    '0' => out.push('\0'),
                    'x' | 'u' | 'U' => {
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 6,
                        };
                        let mut hex = String::new();
                        for _ in 0..n {
                            let (_, h) = chars.next().ok_or_else(|| err("short escape in heading"))?;
                            hex.push(h);
                        }
                        let code = u32::from_str_radix(&hex, 16)
                            .ok()
                            .and_then(char::from_u32)
                            .ok_or_else(|| err("bad escape in heading"))?;
                        out.push(code);
                    }
                    other => out.push(other),
                }
            }
            c => out.push(c),
        }
    }
    Err(err("heading has no closing `]`"))
}

/// Escapes a heading name: `\`, `]` and control characters.
pub fn escape_heading(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ']' => out.push_str("\\]"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn section_at<'a>(file: &'a mut IniFile, path: &[usize]) -> &'a mut Section {
    let mut s = &mut file.sections[path[0]];
    for &i in &path[1..] {
        s = &mut s.children[i];
    }
    s
}

/// Parses an expectation file.
pub fn parse(text: &str) -> Result<IniFile, SyntaxError> {
    let mut file = IniFile::default();
    // (indent, path of the section) for the open headings.
    let mut stack: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    for (idx, raw) in text.lines().enumerate() {
        let line = idx + 1;
        let err = |message: String| SyntaxError { line, message };
        let trimmed_end = raw.trim_end();
        if trimmed_end.is_empty() {
            continue;
        }
        let content = trimmed_end.trim_start_matches(' ');
        if content.starts_with('\t') {
            return Err(err("tabs are not allowed in indentation".into()));
        }
        let indent = trimmed_end.len() - content.len();
        if let Some(c) = content.strip_prefix('#') {
            comments.push(c.trim().to_owned());
            continue;
        }
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        if let Some(rest) = content.strip_prefix('[') {
            let (name, after) = unescape_heading(rest, line)?;
            if !after.trim().is_empty() {
                return Err(err(format!("unexpected text after heading: {after:?}")));
            }
            let section = Section {
                comments: std::mem::take(&mut comments),
                name,
                entries: Vec::new(),
                children: Vec::new(),
                line,
            };
            let path = match stack.last() {
                None => {
                    if indent != 0 {
                        return Err(err("top-level heading must not be indented".into()));
                    }
                    file.sections.push(section);
                    vec![file.sections.len() - 1]
                }
                Some((_, parent)) => {
                    let parent = parent.clone();
                    if parent.len() >= 2 {
                        return Err(err("headings nest at most two levels (test, subtest)".into()));
                    }
                    let p = section_at(&mut file, &parent);
                    p.children.push(section);
                    let mut path = parent;
                    path.push(p.children.len() - 1);
                    path
                }
            };
            stack.push((indent, path));
            continue;
        }
        let Some((key, value)) = content.split_once(':') else {
            return Err(err(format!("expected `[heading]`, `key: value` or `# comment`, got {content:?}")));
        };
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return Err(err(format!("bad key {key:?}")));
        }
        let value = value.trim();
        if value.is_empty() || value.starts_with("if ") {
            return Err(err(format!("`{key}:` has no plain value (conditional values are not supported)")));
        }
        let Some((_, path)) = stack.last() else {
            return Err(err(format!("`{key}:` outside any heading")));
        };
        let path = path.clone();
        section_at(&mut file, &path).entries.push(Entry {
            comments: std::mem::take(&mut comments),
            key: key.to_owned(),
            value: value.to_owned(),
            line,
        });
    }
    file.trailing_comments = comments;
    Ok(file)
}

fn write_comments(out: &mut String, indent: usize, comments: &[String]) {
    for c in comments {
        out.push_str(&" ".repeat(indent));
        if c.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("# ");
            out.push_str(c);
            out.push('\n');
        }
    }
}

fn write_section(out: &mut String, indent: usize, s: &Section) {
    write_comments(out, indent, &s.comments);
    out.push_str(&" ".repeat(indent));
    out.push('[');
    out.push_str(&escape_heading(&s.name));
    out.push_str("]\n");
    for e in &s.entries {
        write_comments(out, indent + 2, &e.comments);
        out.push_str(&" ".repeat(indent + 2));
        out.push_str(&e.key);
        out.push_str(": ");
        out.push_str(&e.value);
        out.push('\n');
    }
    let mut children: Vec<&Section> = s.children.iter().collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    for c in children {
        write_section(out, indent + 2, c);
    }
}

/// Serialises a file: headings sorted by name, two-space indentation, entries in their order.
pub fn write(file: &IniFile) -> String {
    let mut out = String::new();
    let mut sections: Vec<&Section> = file.sections.iter().collect();
    sections.sort_by(|a, b| a.name.cmp(&b.name));
    for s in sections {
        write_section(&mut out, 0, s);
    }
    write_comments(&mut out, 0, &file.trailing_comments);
    out
}

/// Parses an `expected:` value: `FAIL` or `[FAIL, TIMEOUT]`.
pub fn parse_statuses(value: &str) -> Result<Vec<Status>, String> {
    let inner = match value.strip_prefix('[') {
        Some(rest) => rest.strip_suffix(']').ok_or_else(|| format!("unclosed list {value:?}"))?,
        None => value,
    };
    let mut out = Vec::new();
    for word in inner.split(',') {
        let word = word.trim();
        let status = Status::parse(word).ok_or_else(|| format!("unknown status {word:?}"))?;
        if !out.contains(&status) {
            out.push(status);
        }
    }
    if out.is_empty() {
        return Err("empty status list".into());
    }
    Ok(out)
}

/// Formats statuses as an `expected:` value.
pub fn format_statuses(statuses: &[Status]) -> String {
    match statuses {
        [one] => one.as_str().to_owned(),
        many => format!("[{}]", many.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")),
    }
}

/// An interpreted `expected:` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub statuses: Vec<Status>,
    /// The reason comment (comment lines joined with a space); `None` when absent.
    pub reason: Option<String>,
    /// The entry as written, kept so that updates can preserve it.
    pub entry: Entry,
}

impl Expected {
    pub fn allows(&self, status: Status) -> bool {
        self.statuses.contains(&status)
    }
}

/// What an expectation file says about one test URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TestExpectation {
    pub expected: Option<Expected>,
    /// `disabled: reason` — the test is not run.
    pub disabled: Option<String>,
    pub subtests: BTreeMap<String, Expected>,
    /// The section as written (for preserving unknown keys on update).
    pub section: Section,
}

fn interpret_expected(entry: &Entry, level: Level, where_: &str, errors: &mut Vec<String>) -> Option<Expected> {
    let statuses = match parse_statuses(&entry.value) {
        Ok(s) => s,
        Err(e) => {
            errors.push(format!("line {}: {where_}: {e}", entry.line));
            return None;
        }
    };
    for s in &statuses {
        if !s.valid_at(level) {
            let what = match level {
                Level::File => "a test",
                Level::Subtest => "a subtest",
            };
            errors.push(format!("line {}: {where_}: {s} is not a status of {what}", entry.line));
        }
    }
    let reason = entry.comments.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ");
    let reason = (!reason.is_empty()).then_some(reason);
    if reason.is_none() && statuses.iter().any(|s| !s.is_passing()) {
        errors.push(format!(
            "line {}: {where_}: `expected: {}` has no reason (add a `# reason` comment line directly above it)",
            entry.line, entry.value
        ));
    }
    Some(Expected { statuses, reason, entry: entry.clone() })
}

/// Interprets a parsed file. Returns the expectations per top-level heading and the semantic
/// errors (unknown statuses, missing reasons, duplicates), which the run reports as failures.
pub fn interpret(file: &IniFile) -> (BTreeMap<String, TestExpectation>, Vec<String>) {
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for s in &file.sections {
        if out.contains_key(&s.name) {
            errors.push(format!("line {}: duplicate heading [{}]", s.line, s.name));
            continue;
        }
        let mut t = TestExpectation { section: s.clone(), ..TestExpectation::default() };
        for e in &s.entries {
            match e.key.as_str() {
                "expected" => {
                    if t.expected.is_some() {
                        errors.push(format!("line {}: [{}]: duplicate `expected:`", e.line, s.name));
                    }
                    t.expected = interpret_expected(e, Level::File, &format!("[{}]", s.name), &mut errors);
                }
                "disabled" => t.disabled = Some(e.value.clone()),
                _ => {}
            }
        }
        for c in &s.children {
            if t.subtests.contains_key(&c.name) {
                errors.push(format!("line {}: duplicate subtest heading [{}]", c.line, c.name));
                continue;
            }
            let where_ = format!("[{}] [{}]", s.name, c.name);
            let mut found = None;
            for e in &c.entries {
                if e.key == "expected" {
                    if found.is_some() {
                        errors.push(format!("line {}: {where_}: duplicate `expected:`", e.line));
                    }
                    found = interpret_expected(e, Level::Subtest, &where_, &mut errors);
                }
            }
            if let Some(x) = found {
                t.subtests.insert(c.name.clone(), x);
            }
        }
        out.insert(s.name.clone(), t);
    }
    (out, errors)
}
