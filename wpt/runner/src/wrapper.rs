//! The HTML documents wptserve synthesizes for `X.window.js` and `X.any.js` tests
//! (`tools/serve/serve.py`: `WindowHandler`, `AnyHtmlHandler`), and the `// META:` lines they read.

use std::collections::BTreeSet;

/// Reads the leading `// META: key=value` lines of a script. Like wptserve, reading stops at
/// the first line that is not a META line.
pub fn parse_meta(source: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("//") else {
            break;
        };
        let Some(rest) = rest.trim_start().strip_prefix("META:") else {
            break;
        };
        let rest = rest.trim_start();
        let key_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        let (key, after) = rest.split_at(key_len);
        let Some(value) = after.strip_prefix('=') else {
            break;
        };
        out.push((key.to_owned(), value.trim_end().to_owned()));
    }
    out
}

fn html_text_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

fn html_attr_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

fn meta_section(meta: &[(String, String)]) -> String {
    meta.iter()
        .filter_map(|(k, v)| match (k.as_str(), v.as_str()) {
            ("timeout", "long") => Some("<meta name=\"timeout\" content=\"long\">".to_owned()),
            ("title", v) => Some(format!("<title>{}</title>", html_text_escape(v))),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn script_section(meta: &[(String, String)]) -> String {
    meta.iter()
        .filter(|(k, _)| k == "script")
        .map(|(_, v)| format!("<script src=\"{}\"></script>", html_attr_escape(v)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `X.window.html` document for the script at URL path `js_path` (`/dir/X.window.js`).
pub fn window_wrapper(meta: &[(String, String)], js_path: &str) -> String {
    format!(
        "<!doctype html>\n<meta charset=utf-8>\n{}\n<script src=\"/resources/testharness.js\"></script>\n\
         <script src=\"/resources/testharnessreport.js\"></script>\n{}\n<div id=log></div>\n\
         <script src=\"{}\"></script>\n",
        meta_section(meta),
        script_section(meta),
        js_path
    )
}

/// The `X.any.html` document (window scope) for the script at URL path `js_path`.
pub fn any_window_wrapper(meta: &[(String, String)], js_path: &str) -> String {
    format!(
        "<!doctype html>\n<meta charset=utf-8>\n{}\n<script>\nself.GLOBAL = {{\n  \
         isWindow: function() {{ return true; }},\n  isWorker: function() {{ return false; }},\n  \
         isShadowRealm: function() {{ return false; }},\n}};\n</script>\n\
         <script src=\"/resources/testharness.js\"></script>\n\
         <script src=\"/resources/testharnessreport.js\"></script>\n{}\n<div id=log></div>\n\
         <script src=\"{}\"></script>\n",
        meta_section(meta),
        script_section(meta),
        js_path
    )
}

/// The `X.any.worker.html` / `X.worker.html` document: runs the worker script at `worker_url`
/// (`/dir/X.any.worker.js?variant`, `/dir/X.worker.js`) and collects its tests
/// (wptserve's `WorkersHandler`).
pub fn worker_page_wrapper(meta: &[(String, String)], worker_url: &str) -> String {
    format!(
        "<!doctype html>\n<meta charset=utf-8>\n{}\n<script src=\"/resources/testharness.js\"></script>\n\
         <script src=\"/resources/testharnessreport.js\"></script>\n<div id=log></div>\n\
         <script>\nfetch_tests_from_worker(new Worker(\"{}\"));\n</script>\n",
        meta_section(meta),
        worker_url.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

/// The `X.any.worker.js` script (wptserve's `AnyWorkerHandler`): testharness.js, the META
/// scripts and the test at URL path `js_path`, then `done()`.
pub fn any_worker_script(meta: &[(String, String)], js_path: &str) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let scripts: String =
        meta.iter().filter(|(k, _)| k == "script").map(|(_, v)| format!("importScripts({});\n", quote(v))).collect();
    format!(
        "\nself.GLOBAL = {{\n  isWindow: function() {{ return false; }},\n  \
         isWorker: function() {{ return true; }},\n  isShadowRealm: function() {{ return false; }},\n}};\n\
         importScripts(\"/resources/testharness.js\");\n{scripts}importScripts({});\ndone();\n",
        quote(js_path)
    )
}

const SHADOWREALM: [&str; 6] = [
    "shadowrealm-in-window",
    "shadowrealm-in-shadowrealm",
    "shadowrealm-in-dedicatedworker",
    "shadowrealm-in-sharedworker",
    "shadowrealm-in-serviceworker",
    "shadowrealm-in-audioworklet",
];

fn expand_global(name: &str) -> Vec<&'static str> {
    match name {
        "default" => vec!["window", "dedicatedworker"],
        "worker" => vec!["dedicatedworker", "sharedworker", "serviceworker"],
        "worker-module" => {
            vec!["dedicatedworker-module", "sharedworker-module", "serviceworker-module"]
        }
        "shadowrealm" => SHADOWREALM.to_vec(),
        "window" => vec!["window"],
        "dedicatedworker" => vec!["dedicatedworker"],
        "dedicatedworker-module" => vec!["dedicatedworker-module"],
        "sharedworker" => vec!["sharedworker"],
        "sharedworker-module" => vec!["sharedworker-module"],
        "serviceworker" => vec!["serviceworker"],
        "serviceworker-module" => vec!["serviceworker-module"],
        "jsshell" => vec!["jsshell"],
        other => SHADOWREALM.iter().copied().filter(|s| *s == other).collect(),
    }
}

/// The scopes an `.any.js` test runs in, from its first `// META: global=` line
/// (default: `window` and `dedicatedworker`).
pub fn any_globals(meta: &[(String, String)]) -> BTreeSet<&'static str> {
    let value = meta.iter().find(|(k, _)| k == "global").map(|(_, v)| v.as_str()).unwrap_or("default");
    let mut out = BTreeSet::new();
    for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if let Some(removed) = item.strip_prefix('-') {
            for g in expand_global(removed) {
                out.remove(g);
            }
        } else {
            out.extend(expand_global(item));
        }
    }
    out
}

/// The URL suffix replacing `.any.js` for a scope (`window` → `.any.html`).
pub fn any_suffix(global: &str) -> String {
    match global {
        "window" => ".any.html".into(),
        "dedicatedworker" => ".any.worker.html".into(),
        "dedicatedworker-module" => ".any.worker-module.html".into(),
        "jsshell" => ".any.js".into(),
        other => format!(".any.{other}.html"),
    }
}

/// `// META: variant=?x` values (each a separate test URL); `[""]` when there are none.
pub fn variants(meta: &[(String, String)]) -> Vec<String> {
    let v: Vec<String> = meta.iter().filter(|(k, _)| k == "variant").map(|(_, v)| v.clone()).collect();
    if v.is_empty() { vec![String::new()] } else { v }
}
