//! Finding the tests in a WPT checkout.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::wrapper;

/// Directories that never hold tests (at any depth).
pub const SUPPORT_DIRS: [&str; 5] = ["resources", "support", "tools", "common", "reference"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Loads `/resources/testharness.js`; reports subtests.
    Testharness,
    /// `-crash` in the name (or under a `crashtests/` directory): passes unless the engine crashes.
    Crashtest,
}

/// One test URL to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestFile {
    /// WPT-relative path of the file on disk (`dir/x.window.js`).
    pub source: String,
    /// URL path (and query, for variants) the engine loads (`/dir/x.window.html`).
    pub url: String,
    pub kind: Kind,
    /// `<meta name="timeout" content="long">` or `// META: timeout=long`.
    pub timeout_long: bool,
}

impl TestFile {
    /// The expectation file's heading for this test: the last URL segment, query included.
    pub fn section_name(&self) -> &str {
        section_name_of(&self.url)
    }

    /// The expectation file, relative to the meta directory.
    pub fn meta_path(&self) -> String {
        format!("{}.ini", self.source)
    }

    /// testharness.js's own timeout for the file, in seconds (before the multiplier).
    pub fn harness_timeout_secs(&self) -> f64 {
        if self.timeout_long { 60.0 } else { 10.0 }
    }
}

/// The expectation heading for a test URL: its last path segment, query included.
pub fn section_name_of(url: &str) -> &str {
    let path_end = url.find(['?', '#']).unwrap_or(url.len());
    let start = url[..path_end].rfind('/').map_or(0, |i| i + 1);
    &url[start..]
}

/// A test URL that exists but is not run, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub url: String,
    pub source: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct Discovery {
    pub tests: Vec<TestFile>,
    pub skipped: Vec<Skipped>,
}

/// The start tags named `name` in `html`, with their attributes (names lower-cased).
/// A deliberately small scanner: enough for `<script src>`, `<link rel>`, `<meta name content>`.
pub fn find_tags(html: &str, name: &str) -> Vec<HashMap<String, String>> {
    let lower = html.to_ascii_lowercase();
    let needle = format!("<{name}");
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = lower[pos..].find(&needle) {
        let mut i = pos + found + needle.len();
        pos = i;
        match bytes.get(i) {
            Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => {}
            _ => continue,
        }
        let mut attrs = HashMap::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                break;
            }
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
                i += 1;
            }
            let attr = html[start..i].to_ascii_lowercase();
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let q = bytes[i];
                    let vstart = i + 1;
                    i = vstart;
                    while i < bytes.len() && bytes[i] != q {
                        i += 1;
                    }
                    value = html[vstart..i.min(bytes.len())].to_owned();
                    i += 1;
                } else {
                    let vstart = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = html[vstart..i].to_owned();
                }
            }
            if !attr.is_empty() {
                attrs.entry(attr).or_insert(value);
            }
        }
        pos = i.min(bytes.len());
        out.push(attrs);
    }
    out
}

/// Resolves a (path-only) reference against the URL path of the document it appears in.
pub fn resolve_path(base_url_path: &str, reference: &str) -> Option<String> {
    let reference = reference.trim();
    if reference.contains("://") || reference.starts_with("//") {
        return None;
    }
    let reference = reference.split(['?', '#']).next().unwrap_or("");
    let joined = if reference.starts_with('/') {
        reference.to_owned()
    } else {
        let dir = &base_url_path[..base_url_path.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{reference}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

fn is_support_path(rel: &str) -> bool {
    let mut segs: Vec<&str> = rel.split('/').collect();
    let name = segs.pop().unwrap_or("");
    name.starts_with('.') || segs.iter().any(|s| s.starts_with('.') || SUPPORT_DIRS.contains(s) || *s == "node_modules")
}

fn stem_has(name: &str, marker: &str) -> bool {
    // `-crash`/`-manual`/`-ref` as a word of the name: followed by `.`, `-` or the end.
    name.match_indices(marker)
        .any(|(i, _)| matches!(name.as_bytes().get(i + marker.len()), None | Some(b'.') | Some(b'-') | Some(b'_')))
}

/// Classifies one WPT-relative file, appending what it yields to `out`.
pub fn classify(root: &Path, rel: &str, out: &mut Discovery) {
    if is_support_path(rel) {
        return;
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let url_of = |from: &str, to: &str| format!("/{}{}", &rel[..rel.len() - from.len()], to);
    let skip = |out: &mut Discovery, url: String, reason: &str| {
        out.skipped.push(Skipped { url, source: rel.to_owned(), reason: reason.to_owned() })
    };
    let is_html = [".html", ".htm", ".xhtml", ".xht"].iter().any(|e| name.ends_with(e));
    let is_js = name.ends_with(".js");
    if !is_html && !is_js {
        return;
    }
    if stem_has(name, "-ref") || stem_has(name, "-notref") {
        return;
    }
    if stem_has(name, "-manual") {
        if is_html || name.ends_with(".window.js") || name.ends_with(".any.js") {
            skip(out, format!("/{rel}"), "manual test");
        }
        return;
    }
    let read = || fs::read(root.join(rel)).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    if name.ends_with(".window.js") {
        let meta = wrapper::parse_meta(&read());
        let long = meta.iter().any(|(k, v)| k == "timeout" && v == "long");
        for v in wrapper::variants(&meta) {
            out.tests.push(TestFile {
                source: rel.to_owned(),
                url: url_of(".window.js", ".window.html") + &v,
                kind: Kind::Testharness,
                timeout_long: long,
            });
        }
        return;
    }
    if name.ends_with(".any.js") {
        let meta = wrapper::parse_meta(&read());
        let long = meta.iter().any(|(k, v)| k == "timeout" && v == "long");
        let globals = wrapper::any_globals(&meta);
        for v in wrapper::variants(&meta) {
            for g in &globals {
                let url = url_of(".any.js", &wrapper::any_suffix(g)) + &v;
                if *g == "window" || *g == "dedicatedworker" {
                    out.tests.push(TestFile {
                        source: rel.to_owned(),
                        url,
                        kind: Kind::Testharness,
                        timeout_long: long,
                    });
                } else {
                    skip(
                        out,
                        url,
                        &format!(
                            "{g} scope: shared and service workers, worklets and ShadowRealm are not supported by the engine"
                        ),
                    );
                }
            }
        }
        return;
    }
    if name.ends_with(".worker.js") {
        let meta = wrapper::parse_meta(&read());
        let long = meta.iter().any(|(k, v)| k == "timeout" && v == "long");
        out.tests.push(TestFile {
            source: rel.to_owned(),
            url: url_of(".worker.js", ".worker.html"),
            kind: Kind::Testharness,
            timeout_long: long,
        });
        return;
    }
    if !is_html {
        return;
    }
    let in_crashtests_dir = rel.split('/').rev().skip(1).any(|s| s == "crashtests");
    let html = read();
    let url = format!("/{rel}");
    let metas = find_tags(&html, "meta");
    let long = metas
        .iter()
        .any(|m| m.get("name").is_some_and(|n| n == "timeout") && m.get("content").is_some_and(|c| c == "long"));
    let mut variants: Vec<String> = metas
        .iter()
        .filter(|m| m.get("name").is_some_and(|n| n == "variant"))
        .filter_map(|m| m.get("content").cloned())
        .collect();
    if variants.is_empty() {
        variants.push(String::new());
    }
    if stem_has(name, "-crash") || in_crashtests_dir {
        out.tests.push(TestFile { source: rel.to_owned(), url, kind: Kind::Crashtest, timeout_long: long });
        return;
    }
    let testharness = find_tags(&html, "script").iter().any(|s| {
        s.get("src").and_then(|src| resolve_path(&url, src)).is_some_and(|p| p == "/resources/testharness.js")
    });
    if testharness {
        for v in variants {
            out.tests.push(TestFile {
                source: rel.to_owned(),
                url: format!("{url}{v}"),
                kind: Kind::Testharness,
                timeout_long: long,
            });
        }
        return;
    }
    let reftest = find_tags(&html, "link").iter().any(|l| {
        l.get("rel").is_some_and(|r| {
            r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("match") || t.eq_ignore_ascii_case("mismatch"))
        })
    });
    if reftest {
        skip(out, url, "reftest: not supported by this runner");
    }
}

fn walk(root: &Path, rel: &str, out: &mut Discovery) -> std::io::Result<()> {
    let dir = if rel.is_empty() { root.to_path_buf() } else { root.join(rel) };
    let mut entries: Vec<(String, bool)> = fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let is_dir = e.path().is_dir();
            (name, is_dir)
        })
        .collect();
    entries.sort();
    for (name, is_dir) in entries {
        let child = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        if is_dir {
            if name.starts_with('.') || SUPPORT_DIRS.contains(&name.as_str()) || name == "node_modules" {
                continue;
            }
            walk(root, &child, out)?;
        } else {
            classify(root, &child, out);
        }
    }
    Ok(())
}

/// Normalises a user-given path (`./a/b/`, `/a/b`) to WPT-relative form (`a/b`).
pub fn normalize_arg(p: &str) -> String {
    let p = p.trim();
    let p = p.strip_prefix("./").unwrap_or(p);
    p.trim_matches('/').to_owned()
}

/// Discovers the tests under `paths` (WPT-relative files, directories or test URLs; all when
/// empty). Errors name paths that match nothing.
pub fn discover(root: &Path, paths: &[String]) -> Result<Discovery, String> {
    let mut out = Discovery::default();
    if !root.is_dir() {
        return Err(format!("WPT root {} is not a directory", root.display()));
    }
    if paths.is_empty() {
        walk(root, "", &mut out).map_err(|e| format!("reading {}: {e}", root.display()))?;
    }
    for arg in paths {
        let rel = normalize_arg(arg);
        let full = root.join(&rel);
        if rel.is_empty() || full.is_dir() {
            walk(root, &rel, &mut out).map_err(|e| format!("reading {}: {e}", full.display()))?;
        } else if full.is_file() {
            classify(root, &rel, &mut out);
        } else {
            // A test URL such as `dir/x.window.html` or `dir/x.any.html?variant`.
            let url = format!("/{rel}");
            let url_path = url.split(['?', '#']).next().unwrap_or(&url).to_owned();
            let mut found = Discovery::default();
            if root.join(&url_path[1..]).is_file() {
                // A variant: `dir/x.html?variant`.
                classify(root, &url_path[1..], &mut found);
            }
            for (from, to) in [(".window.html", ".window.js"), (".any.html", ".any.js"), (".worker.html", ".worker.js")]
            {
                if let Some(stem) = url_path.strip_suffix(from) {
                    let src = format!("{}{to}", &stem[1..]);
                    if root.join(&src).is_file() {
                        classify(root, &src, &mut found);
                    }
                }
            }
            if let Some(stem) = url_path.strip_suffix(".html").filter(|s| s.contains(".any.")) {
                // `.any.worker.html` and friends.
                if let Some(i) = stem.rfind(".any.") {
                    let src = format!("{}.any.js", &stem[1..i]);
                    if root.join(&src).is_file() {
                        classify(root, &src, &mut found);
                    }
                }
            }
            let matches = |u: &str| u == url || (!url.contains('?') && u.split('?').next() == Some(url_path.as_str()));
            let before = (out.tests.len(), out.skipped.len());
            out.tests.extend(found.tests.into_iter().filter(|t| matches(&t.url)));
            out.skipped.extend(found.skipped.into_iter().filter(|s| matches(&s.url)));
            if (out.tests.len(), out.skipped.len()) == before {
                return Err(format!("no test matches {arg:?} under {}", root.display()));
            }
        }
    }
    out.tests.sort_by(|a, b| a.url.cmp(&b.url));
    out.tests.dedup_by(|a, b| a.url == b.url);
    out.skipped.sort_by(|a, b| a.url.cmp(&b.url));
    out.skipped.dedup_by(|a, b| a.url == b.url);
    Ok(out)
}

/// A `--include`/`--exclude` pattern: a glob (`*` matches anything, `?` one character) over the
/// test URL when it contains `*` or `?`, otherwise a substring of the URL.
pub fn pattern_matches(pattern: &str, url: &str) -> bool {
    if !pattern.contains(['*', '?']) {
        return url.contains(pattern);
    }
    fn glob(p: &[char], s: &[char]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some(('*', rest)) => (0..=s.len()).any(|i| glob(rest, &s[i..])),
            Some(('?', rest)) => !s.is_empty() && glob(rest, &s[1..]),
            Some((c, rest)) => s.first() == Some(c) && glob(rest, &s[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = url.chars().collect();
    // Patterns without a leading `/` may match from any path segment start.
    glob(&p, &s) || (!pattern.starts_with('/') && glob(&p, &s[1..]))
}
