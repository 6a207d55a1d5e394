//! Every `tests/pages/*.html` check page must pass (see resources/check.js).

use page_tests::{repo_root, run_check_page};

#[test]
fn all_check_pages_pass() {
    let mut pages: Vec<String> = std::fs::read_dir(repo_root().join("tests/pages"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty());
    for p in pages {
        run_check_page(&p, &[]);
    }
}
