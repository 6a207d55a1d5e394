//! The canvas test hooks of `window.apertureTest` (see
//! `webidls/ApertureTestCanvas.webidl`); `aperturetesthooks.rs` forwards to
//! these functions.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use base::RequestId;
use media_traits::messages::{MediaCommand, MediaReply};
use mozjs::context::JSContext;

use crate::dom::bindings::error::Fallible;
use crate::dom::bindings::promise::Promise;
use crate::dom::canvas::canvascapture::{CanvasCapture, check_capture_arguments};
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::html::window::Window;

thread_local! {
    static CAPTURES: RefCell<HashMap<u32, Rc<CanvasCapture>>> = RefCell::new(HashMap::new());
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

/// Drops the test hook's captures (see `script_thread::teardown`).
pub(crate) fn teardown() -> usize {
    crate::script_thread::drain(&CAPTURES)
}

fn capture(id: u32) -> Option<Rc<CanvasCapture>> {
    CAPTURES.with(|c| c.borrow().get(&id).cloned())
}

pub fn start_capture(cx: &mut JSContext, canvas: &HTMLCanvasElement, rate: Option<f64>) -> Fallible<u32> {
    check_capture_arguments(canvas.is_origin_clean(), rate)?;
    let capture = CanvasCapture::start(cx, canvas, rate);
    let id = NEXT.with(|n| n.replace(n.get() + 1));
    CAPTURES.with(|c| c.borrow_mut().insert(id, capture));
    Ok(id)
}

pub fn request_frame(id: u32) {
    if let Some(capture) = capture(id) {
        capture.request_frame();
    }
}

pub fn stop_capture(cx: &mut JSContext, id: u32) {
    if let Some(capture) = CAPTURES.with(|c| c.borrow_mut().remove(&id)) {
        capture.end(cx);
    }
}

pub fn frame_count(id: u32) -> u32 {
    capture(id).map_or(0, |c| c.frame_count() as u32)
}

pub fn is_stopped(id: u32) -> bool {
    capture(id).is_none_or(|c| c.is_stopped())
}

pub fn media_frame_count(cx: &mut JSContext, window: &Window, id: u32) -> Rc<Promise> {
    let promise = Promise::new(cx, window);
    let Some(capture) = capture(id) else {
        promise.resolve_native(cx, &0u32);
        return promise;
    };
    // Everything queued for the canvas thread goes first, so frames captured
    // before this call are on their way to the media thread.
    crate::dom::canvas::rendering::flush();
    let request = RequestId::next();
    let settle = promise.clone();
    crate::media_events::send_request(
        cx,
        request,
        MediaCommand::GetStats { request, source: capture.source() },
        move |cx, result| {
            let frames = match result {
                Ok(MediaReply::Stats(stats)) => stats.frames_in as u32,
                _ => 0,
            };
            settle.resolve_native(cx, &frames);
        },
    );
    promise
}

pub fn taint(cx: &mut JSContext, canvas: &HTMLCanvasElement) {
    canvas.taint(cx);
}

pub fn rendering_update_count() -> u32 {
    crate::dom::canvas::rendering::rendering_update_count() as u32
}

/// `apertureTest.canvasThreadCounts()`: the canvas thread's table sizes, read
/// after every command sent before the call (the batch is flushed first).
pub fn thread_counts() -> crate::dom::bindings::codegen::Dictionaries::CanvasThreadCounts {
    use canvas_traits::command::CanvasCommand;
    let stats = crate::dom::canvas::rendering::round_trip(|reply| CanvasCommand::Stats { reply }).unwrap_or_default();
    crate::dom::bindings::codegen::Dictionaries::CanvasThreadCounts {
        canvases: stats.canvases as u32,
        capture_clocks: stats.capture_clocks as u32,
        web_fonts: stats.web_fonts as u32,
    }
}
