//! Expectation files: parsing, writing, interpreting, the reason rule.

use wpt_runner::ini::{self, Entry, IniFile, Section, escape_heading, interpret, parse, write};
use wpt_runner::status::Status;

const SAMPLE: &str = "\
# file comment
[ImageCapture-creation.https.html]
  # getUserMedia has no fake camera
  expected: ERROR
  bug: https://example.org/1
  [grabFrame() of a disabled track rejects]
    # ImageCapture is not implemented
    expected: FAIL
  [a \\] bracket and \\\\ backslash]
    # reason one
    # reason two
    expected: [FAIL, TIMEOUT]
  [passes]
    expected: PASS
";

#[test]
fn parses_servo_format() {
    let f = parse(SAMPLE).unwrap();
    assert_eq!(f.sections.len(), 1);
    let s = &f.sections[0];
    assert_eq!(s.name, "ImageCapture-creation.https.html");
    assert_eq!(s.comments, ["file comment"]);
    assert_eq!(s.entry("expected").unwrap().value, "ERROR");
    assert_eq!(s.entry("expected").unwrap().comments, ["getUserMedia has no fake camera"]);
    assert_eq!(s.entry("bug").unwrap().value, "https://example.org/1");
    let names: Vec<&str> = s.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["grabFrame() of a disabled track rejects", "a ] bracket and \\ backslash", "passes"]);

    let (tests, errors) = interpret(&f);
    assert!(errors.is_empty(), "{errors:?}");
    let t = &tests["ImageCapture-creation.https.html"];
    let e = t.expected.as_ref().unwrap();
    assert_eq!(e.statuses, [Status::Error]);
    assert_eq!(e.reason.as_deref(), Some("getUserMedia has no fake camera"));
    let two = &t.subtests["a ] bracket and \\ backslash"];
    assert_eq!(two.statuses, [Status::Fail, Status::Timeout]);
    assert_eq!(two.reason.as_deref(), Some("reason one reason two"));
    assert!(two.allows(Status::Timeout));
    assert!(!two.allows(Status::Pass));
    assert_eq!(t.subtests["passes"].reason, None);
}

#[test]
fn round_trips() {
    let f = parse(SAMPLE).unwrap();
    let text = write(&f);
    // Subtests sorted, two-space indentation, escapes kept.
    let expected = "\
# file comment
[ImageCapture-creation.https.html]
  # getUserMedia has no fake camera
  expected: ERROR
  bug: https://example.org/1
  [a \\] bracket and \\\\ backslash]
    # reason one
    # reason two
    expected: [FAIL, TIMEOUT]
  [grabFrame() of a disabled track rejects]
    # ImageCapture is not implemented
    expected: FAIL
  [passes]
    expected: PASS
";
    assert_eq!(text, expected);
    let again = parse(&text).unwrap();
    assert_eq!(write(&again), text);
    // Same meaning: statuses and reasons per heading.
    let meaning = |f: &IniFile| {
        interpret(f)
            .0
            .into_iter()
            .map(|(name, t)| {
                let subs: Vec<_> = t.subtests.into_iter().map(|(n, e)| (n, e.statuses, e.reason)).collect();
                (name, t.expected.map(|e| (e.statuses, e.reason)), subs)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(meaning(&f), meaning(&again));
}

#[test]
fn writes_built_files_sorted() {
    let mut b = Section::new("b.html");
    b.entries.push(Entry::new("expected", "TIMEOUT", vec!["timed out".into()]));
    let mut a = Section::new("a.html?x]");
    let mut sub = Section::new("line\nbreak");
    sub.entries.push(Entry::new("expected", "FAIL", vec!["msg".into()]));
    a.children.push(sub);
    let f = IniFile { sections: vec![b, a], trailing_comments: vec![] };
    let text = write(&f);
    assert_eq!(
        text,
        "[a.html?x\\]]\n  [line\\nbreak]\n    # msg\n    expected: FAIL\n[b.html]\n  # timed out\n  expected: TIMEOUT\n"
    );
    let back = parse(&text).unwrap();
    assert_eq!(back.sections[0].name, "a.html?x]");
    assert_eq!(back.sections[0].children[0].name, "line\nbreak");
    assert_eq!(escape_heading("a\\b]c\u{1}"), "a\\\\b\\]c\\x01");
}

#[test]
fn missing_reason_is_an_error() {
    let text = "[t.html]\n  expected: ERROR\n  [sub]\n    expected: FAIL\n  [ok]\n    expected: PASS\n";
    let (tests, errors) = interpret(&parse(text).unwrap());
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("line 2: [t.html]: `expected: ERROR` has no reason"), "{}", errors[0]);
    assert!(errors[1].starts_with("line 4: [t.html] [sub]: `expected: FAIL` has no reason"), "{}", errors[1]);
    // The expectations are still used.
    assert_eq!(tests["t.html"].subtests["sub"].statuses, [Status::Fail]);
    // A comment separated by a heading is not a reason.
    let (_, errors) = interpret(&parse("# not mine\n[t.html]\n  expected: CRASH\n").unwrap());
    assert_eq!(errors.len(), 1);
}

#[test]
fn semantic_errors() {
    let (_, errors) =
        interpret(&parse("[t.html]\n  # r\n  expected: FAIL\n  [s]\n    # r\n    expected: OK\n").unwrap());
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("FAIL is not a status of a test"));
    assert!(errors[1].contains("OK is not a status of a subtest"));
    let (_, errors) = interpret(&parse("[t.html]\n  # r\n  expected: WEIRD\n").unwrap());
    assert!(errors[0].contains("unknown status \"WEIRD\""));
    let (_, errors) = interpret(&parse("[t.html]\n  # r\n  expected: FAIL\n[t.html]\n").unwrap());
    assert!(errors.iter().any(|e| e.contains("duplicate heading")));
    let (tests, errors) = interpret(&parse("[t.html]\n  disabled: flaky in CI\n").unwrap());
    assert!(errors.is_empty());
    assert_eq!(tests["t.html"].disabled.as_deref(), Some("flaky in CI"));
}

#[test]
fn syntax_errors() {
    for (text, msg) in [
        ("[t.html\n", "no closing"),
        ("  [t.html]\n", "must not be indented"),
        ("expected: FAIL\n", "outside any heading"),
        ("[t.html]\n  expected:\n    if os == \"linux\": FAIL\n", "conditional"),
        ("[t.html]\n  what is this\n", "expected `[heading]`"),
        ("[t.html]\n  [s]\n    [deeper]\n", "at most two levels"),
        ("[t.html]\n\t[s]\n", "tabs"),
    ] {
        let e = parse(text).unwrap_err();
        assert!(e.message.contains(msg), "{text:?}: {e}");
    }
    assert_eq!(parse("[t.html\n").unwrap_err().line, 1);
}

#[test]
fn statuses() {
    assert_eq!(ini::parse_statuses("[PASS, FAIL]").unwrap(), [Status::Pass, Status::Fail]);
    assert_eq!(ini::format_statuses(&[Status::Pass, Status::Fail]), "[PASS, FAIL]");
    assert_eq!(ini::format_statuses(&[Status::PreconditionFailed]), "PRECONDITION_FAILED");
    assert!(ini::parse_statuses("[PASS").is_err());
}
