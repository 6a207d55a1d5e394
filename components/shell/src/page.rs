//! Loading a page: fetch the HTML, parse it into the window's document
//! (running classic scripts in document order), fire `DOMContentLoaded` and
//! `load`, then run the event loop.

use std::time::Instant;

use script::dom::bindings::root::DomRoot;
use script::dom::html::window::{Window, WindowOptions};
use script::mozjs::context::JSContext;
use script::script_thread::{LoopEnd, run_event_loop};
use url::Url;

use script::net::fetch;

/// What the host was asked to do with a page.
pub struct PageRun {
    pub window: DomRoot<Window>,
    pub end: LoopEnd,
}

/// Loads `url` into a new window and runs it until idle, the deadline or an exit request.
pub fn run_page(
    cx: &mut JSContext,
    url: Url,
    options: WindowOptions,
    deadline: Option<Instant>,
    crashtest: bool,
) -> Result<PageRun, String> {
    let response = fetch(&url)?;
    if !response.ok() {
        return Err(format!("{url}: HTTP status {}", response.status));
    }
    let html = String::from_utf8_lossy(&response.body).into_owned();
    let window = Window::new(cx, WindowOptions { url: response.url.clone(), ..options });

    let document = window.document();
    script::dom::html::parser::parse_document(cx, &document, &html);
    script::dom::html::parser::finish_loading(cx, &document);
    // Run the load task (and anything queued before it) now, so a crashtest ends after `load`.
    script::script_thread::run_pending_local_tasks(cx);
    if crashtest {
        return Ok(PageRun { window, end: LoopEnd::Idle });
    }
    let end = run_event_loop(cx, deadline);
    Ok(PageRun { window, end })
}
