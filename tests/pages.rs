//! Every `tests/pages/*.html` check page must pass (see resources/check.js).

use page_tests::{check_pages, run_check_page};

#[test]
fn all_check_pages_pass() {
    let pages = check_pages("");
    for p in pages {
        run_check_page(&p, &[]);
    }
}
