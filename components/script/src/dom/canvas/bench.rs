//! Benchmarks of the canvas DOM for `./mach bench canvas-dom` (never part of
//! `./mach test`): a page's paint through the rendering update and the
//! capture decision to a frame leaving the canvas thread, and the cost of a
//! rendering step when nothing changed. The host side (the bench binary)
//! runs the canvas thread with a frame sink that hands frames back here.
//!
//! [`run_track_reader`] measures the whole `captureStream()` path instead:
//! paint → rendering update → canvas thread → Media thread → a reader of the
//! track (a sink's latest-frame slot, what `<video>` reads), with the host's
//! wiring (canvas frames go straight to the Media thread).

use std::time::{Duration, Instant};

use std::cell::Cell;
use std::rc::Rc;

use base::bench::{Measurement, median, process_cpu_time};
use base::{RequestId, SourceId, VideoFrame};
use crossbeam_channel::Receiver;
use media_traits::messages::{MediaCommand, MediaReply, SinkId, SourceStats};
use media_traits::slot::FrameSlot;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::root::DomRoot;
use crate::dom::canvas::canvascapture::CanvasCapture;
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::canvas::rendering;
use crate::dom::html::window::Window;
use crate::dom::mediacapture::mediastreamtrack::MediaStreamTrack;

fn eval(cx: &mut JSContext, window: &Window, source: &str) -> bool {
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"canvas-bench.js".to_owned(), 1);
    if mozjs::rust::evaluate_script(cx, global, source, rval.handle_mut(), options).is_err() {
        crate::script_runtime::report_pending_exception(cx);
        return false;
    }
    true
}

/// The script both canvas groups run first: a w×h canvas and `benchPaint()`,
/// which clears it, fills it in a new colour and draws eight translucent arcs.
fn paint_setup(w: u32, h: u32) -> String {
    format!(
            "globalThis.benchCanvas = document.createElement('canvas'); benchCanvas.width = {w}; benchCanvas.height = {h};
             globalThis.benchCtx = benchCanvas.getContext('2d'); globalThis.benchFrame = 0;
             globalThis.benchPaint = () => {{ const c = benchCtx; benchFrame++;
               c.clearRect(0, 0, {w}, {h}); c.fillStyle = `rgb(${{benchFrame % 256}} 40 90)`; c.fillRect(0, 0, {w}, {h});
               for (let i = 0; i < 8; i++) {{ c.beginPath(); c.arc(({w} / 9) * (i + 1), {h} / 2, {h} / 6, 0, 6.283); c.fillStyle = 'rgba(255, 200, 0, 0.5)'; c.fill(); }} }};"
    )
}

/// Paint → rendering update → `CaptureFrame` → frame at the sink, per frame,
/// at each size; then the idle rendering step. `frames` receives what the
/// canvas thread's frame sink gets; `copies` reads its copy counter.
pub fn run(
    cx: &mut JSContext,
    window: &Window,
    frames: &Receiver<(SourceId, VideoFrame)>,
    copies: &dyn Fn() -> u64,
) -> Vec<Measurement> {
    let mut out = Vec::new();
    for (w, h, n) in [(640u32, 480u32, 100usize), (1920, 1080, 40)] {
        let setup = paint_setup(w, h);
        if !eval(cx, window, &setup) {
            continue;
        }
        let Some(canvas) = bench_canvas(cx, window) else {
            continue;
        };
        let capture = CanvasCapture::start(cx, &canvas, None);
        let copies_before = copies();
        let cpu_before = process_cpu_time();
        let mut samples = Vec::with_capacity(n);
        for _ in 0..n {
            let start = Instant::now();
            eval(cx, window, "benchPaint()");
            rendering::update_the_rendering(cx, Instant::now());
            // Wait for this frame (for the measurement only: pages never wait).
            let _ = frames.recv_timeout(Duration::from_secs(5));
            samples.push(start.elapsed().as_secs_f64() * 1e3);
            // Let the next iteration count as a new rendering opportunity.
            rendering::forget_last_update();
        }
        let cpu = (process_cpu_time() - cpu_before).as_secs_f64() * 1e3 / n as f64;
        let copies_per_frame = (copies() - copies_before) as f64 / n as f64;
        let ms = median(&mut samples);
        out.push(
            Measurement::new(format!("DOM paint→rendering update→frame {w}x{h}"), ms, "ms/frame")
                .with_note(format!("{n} runs, median; clear + fill + 8 translucent arcs from JS")),
        );
        out.push(
            Measurement::new(format!("DOM paint→frame {w}x{h} CPU"), cpu, "ms CPU/frame")
                .with_note("process CPU time / frames"),
        );
        out.push(
            Measurement::new(format!("DOM paint→frame {w}x{h} copies"), copies_per_frame, "copies/frame")
                .with_note("all on the canvas thread; script copies none"),
        );
        capture.end(cx);
        rendering::flush();
    }
    // Idle: rendering steps with a capture running and nothing painted.
    let updates_before = rendering::rendering_update_count();
    let start = Instant::now();
    let steps = 100_000u32;
    for _ in 0..steps {
        if rendering::rendering_update_due(Instant::now(), false) {
            rendering::update_the_rendering(cx, Instant::now());
        }
    }
    let ns = start.elapsed().as_secs_f64() * 1e9 / steps as f64;
    out.push(
        Measurement::new("DOM rendering step, nothing dirty", ns, "ns/step")
            .with_note("the event loop's check; no timer, no batch"),
    );
    out.push(
        Measurement::new(
            "DOM rendering updates while idle",
            (rendering::rendering_update_count() - updates_before) as f64,
            "updates",
        )
        .with_note(format!("over {steps} steps")),
    );
    let idle_frames = frames.try_iter().count();
    out.push(Measurement::new("DOM frames while idle", idle_frames as f64, "frames"));
    out
}

fn bench_canvas(cx: &mut JSContext, window: &Window) -> Option<DomRoot<HTMLCanvasElement>> {
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"canvas-bench.js".to_owned(), 1);
    mozjs::rust::evaluate_script(cx, global, "benchCanvas", rval.handle_mut(), options).ok()?;
    if !rval.get().is_object() {
        return None;
    }
    // SAFETY: `rval` is rooted and holds an object (checked above); the DomRoot keeps it alive.
    unsafe { crate::dom::bindings::conversions::root_from_object::<HTMLCanvasElement>(rval.get().to_object()) }
}

fn eval_object<T: crate::dom::bindings::inheritance::IDLInterface + crate::dom::bindings::reflector::DomObject>(
    cx: &mut JSContext,
    window: &Window,
    source: &str,
) -> Option<DomRoot<T>> {
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"canvas-bench.js".to_owned(), 1);
    mozjs::rust::evaluate_script(cx, global, source, rval.handle_mut(), options).ok()?;
    if !rval.get().is_object() {
        return None;
    }
    // SAFETY: `rval` is rooted and holds an object (checked above); the DomRoot keeps it alive.
    unsafe { crate::dom::bindings::conversions::root_from_object::<T>(rval.get().to_object()) }
}

/// The Media thread's counters of `source`, waiting for the reply (the
/// event loop runs meanwhile).
fn source_stats(cx: &mut JSContext, source: SourceId) -> Option<SourceStats> {
    let out: Rc<Cell<Option<SourceStats>>> = Rc::new(Cell::new(None));
    let request = RequestId::next();
    let sink = out.clone();
    crate::media_events::send_request(cx, request, MediaCommand::GetStats { request, source }, move |_cx, result| {
        if let Ok(MediaReply::Stats(stats)) = result {
            sink.set(Some(stats));
        }
    });
    crate::script_thread::run_event_loop(cx, Some(Instant::now() + Duration::from_secs(5)));
    out.get()
}

/// Waits (spinning politely) until `slot` holds a frame newer than `seen`.
fn wait_for_frame(slot: &FrameSlot, seen: u64) -> Option<VideoFrame> {
    let deadline = Instant::now() + Duration::from_secs(5);
    while slot.generation() <= seen {
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_micros(20));
    }
    slot.latest()
}

/// `canvas.captureStream()` from JS, then per frame: a JS paint, the
/// rendering update, and the wait until the frame is in the latest-frame
/// slot of a sink on the track's source (what a `<video>` reads). Needs the
/// canvas thread's frames wired to the Media thread, as the host does;
/// `canvas_copies` reads the canvas thread's copy counter.
pub fn run_track_reader(cx: &mut JSContext, window: &Window, canvas_copies: &dyn Fn() -> u64) -> Vec<Measurement> {
    let mut out = Vec::new();
    for (w, h, n) in [(640u32, 480u32, 100usize), (1920, 1080, 40)] {
        let setup =
            format!("{} globalThis.benchTrack = benchCanvas.captureStream().getVideoTracks()[0];", paint_setup(w, h));
        if !eval(cx, window, &setup) {
            continue;
        }
        let Some(track) = eval_object::<MediaStreamTrack>(cx, window, "benchTrack") else {
            continue;
        };
        let source = track.source().id();
        // A reader of the track: a sink's latest-frame slot, as <video> attaches.
        let slot = FrameSlot::new();
        let request = RequestId::next();
        let command = MediaCommand::AttachSink { request, source, sink: SinkId::next(), slot: slot.clone() };
        crate::media_events::send_request(cx, request, command, |_, _| {});
        crate::script_thread::run_event_loop(cx, Some(Instant::now() + Duration::from_secs(5)));
        // Warm up the pipelines.
        let mut seen = slot.generation();
        for _ in 0..5 {
            eval(cx, window, "benchPaint()");
            rendering::update_the_rendering(cx, Instant::now());
            rendering::forget_last_update();
            if wait_for_frame(&slot, seen).is_none() {
                eprintln!("canvas-dom: no frame reached the track's reader");
                break;
            }
            seen = slot.generation();
        }
        let before = source_stats(cx, source).unwrap_or_default();
        let canvas_before = canvas_copies();
        let cpu_before = process_cpu_time();
        let mut samples = Vec::with_capacity(n);
        for _ in 0..n {
            let start = Instant::now();
            eval(cx, window, "benchPaint()");
            rendering::update_the_rendering(cx, Instant::now());
            let frame = wait_for_frame(&slot, seen);
            samples.push(start.elapsed().as_secs_f64() * 1e3);
            seen = slot.generation();
            if frame.is_none_or(|f| (f.size.width, f.size.height) != (w, h)) {
                eprintln!("canvas-dom: the reader did not get a {w}x{h} frame");
            }
            rendering::forget_last_update();
        }
        let cpu = (process_cpu_time() - cpu_before).as_secs_f64() * 1e3 / n as f64;
        let canvas = (canvas_copies() - canvas_before) as f64 / n as f64;
        let after = source_stats(cx, source).unwrap_or_default();
        let delivered = after.frames_out.saturating_sub(before.frames_out).max(1) as f64;
        let media = after.copies.saturating_sub(before.copies) as f64 / delivered;
        let ms = median(&mut samples);
        out.push(Measurement::new(format!("captureStream() paint→track reader {w}x{h}"), ms, "ms/frame").with_note(
            format!("{n} runs, median; JS paint, rendering update, canvas thread, Media thread, sink slot"),
        ));
        out.push(
            Measurement::new(format!("captureStream() paint→track reader {w}x{h} CPU"), cpu, "ms CPU/frame")
                .with_note("process CPU time / frames"),
        );
        out.push(
            Measurement::new(format!("captureStream() paint→track reader {w}x{h} copies"), canvas + media, "copies/frame")
                .with_note(format!("canvas thread {canvas:.2} + Media thread {media:.2} over {delivered} frames at the sink; script copies none")),
        );
        eval(cx, window, "benchTrack.stop()");
        rendering::flush();
        crate::script_thread::run_event_loop(cx, Some(Instant::now() + Duration::from_secs(5)));
    }
    out.extend(run_animation_capture(cx, window));
    out
}

/// A page's `requestAnimationFrame` animation of a 1920×1080 canvas captured
/// with `captureStream(60)`, as a page writes it, with the event loop running
/// freely for 3 s (after 0.5 s of warm-up): each callback paints the canvas in
/// a colour that encodes the callback's number `n` (red = n mod 256, green =
/// n / 256 mod 256) and moves a translucent 200×200 square across it (the
/// paint-heavy arcs of the other rows would measure the rasterizer). A thread beside the loop
/// watches the latest-frame slot of a sink on the track (what a `<video>`
/// reads) and decodes every frame that reaches it. A delivered frame is
/// "right" when it holds the paint of the callback after the previous
/// delivered frame's (no update skipped, none delivered twice, none stale).
pub fn run_animation_capture(cx: &mut JSContext, window: &Window) -> Vec<Measurement> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let (w, h) = (1920u32, 1080u32);
    let mut out = Vec::new();
    let setup = format!(
        "{} globalThis.benchTrack = benchCanvas.captureStream(60).getVideoTracks()[0];
         globalThis.rafPainted = 0; globalThis.rafStop = false;
         globalThis.rafStep = () => {{ if (rafStop) return; const n = ++rafPainted; const c = benchCtx;
           c.fillStyle = `rgb(${{n % 256}} ${{(n >> 8) % 256}} 90)`; c.fillRect(0, 0, {w}, {h});
           c.fillStyle = 'rgba(255, 200, 0, 0.8)'; c.fillRect(100 + (n * 12) % ({w} - 400), {h} / 3, 200, 200);
           requestAnimationFrame(rafStep); }};",
        paint_setup(w, h)
    );
    if !eval(cx, window, &setup) {
        return out;
    }
    let Some(track) = eval_object::<MediaStreamTrack>(cx, window, "benchTrack") else {
        return out;
    };
    let source = track.source().id();
    let slot = FrameSlot::new();
    let request = RequestId::next();
    let command = MediaCommand::AttachSink { request, source, sink: SinkId::next(), slot: slot.clone() };
    crate::media_events::send_request(cx, request, command, |_, _| {});
    crate::script_thread::run_event_loop(cx, Some(Instant::now() + Duration::from_secs(5)));

    // The watcher: every new frame in the slot, decoded to the callback number it holds.
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (slot, stop) = (slot.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut seen = slot.generation();
            let mut frames: Vec<(Instant, u64, Option<u32>)> = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let generation = slot.generation();
                if generation != seen {
                    let missed = generation - seen - 1;
                    seen = generation;
                    let n =
                        slot.latest().and_then(|f| f.rgba_at(5, 5)).map(|p| u32::from(p[0]) + 256 * u32::from(p[1]));
                    frames.push((Instant::now(), missed, n));
                }
                // Frames come every 16.7 ms; a missed generation would be counted.
                std::thread::sleep(Duration::from_millis(1));
            }
            frames
        })
    };
    eval(cx, window, "requestAnimationFrame(rafStep)");
    crate::script_thread::run_event_loop(cx, Some(Instant::now() + Duration::from_millis(500)));
    let painted_before = eval_number(cx, window, "rafPainted");
    let cpu_before = process_cpu_time();
    let start = Instant::now();
    crate::script_thread::run_event_loop(cx, Some(start + Duration::from_secs(3)));
    let end = Instant::now();
    let cpu = process_cpu_time() - cpu_before;
    let painted = eval_number(cx, window, "rafPainted") - painted_before;
    eval(cx, window, "rafStop = true");
    crate::script_thread::run_event_loop(cx, Some(Instant::now() + Duration::from_millis(200)));
    stop.store(true, Ordering::Relaxed);
    let frames = watcher.join().unwrap_or_default();
    let mut delivered = 0u32;
    let mut wrong = 0u32;
    let mut unobserved = 0u64;
    let mut previous: Option<u32> = None;
    for (at, missed, n) in &frames {
        if *at < start || *at > end {
            previous = *n;
            continue;
        }
        delivered += 1;
        unobserved += missed;
        match (previous, n) {
            (Some(p), Some(n)) if *n == (p + 1) % 65536 => {}
            _ => wrong += 1,
        }
        previous = *n;
    }
    let secs = (end - start).as_secs_f64();
    out.push(
        Measurement::new(
            format!("rAF animation captureStream(60) → track reader {w}x{h}"),
            f64::from(delivered) / secs,
            "fps",
        )
        .with_note(format!("{delivered} frames delivered in {secs:.2} s; {painted:.0} rAF callbacks painted")),
    );
    out.push(
        Measurement::new(format!("rAF animation captureStream(60) {w}x{h} wrong frames"), f64::from(wrong), "frames")
            .with_note(format!(
                "delivered frames not holding the update after the previous one (skipped, repeated or stale); {unobserved} frames the watcher could not see"
            )),
    );
    out.push(
        Measurement::new(
            format!("rAF animation captureStream(60) {w}x{h} CPU"),
            cpu.as_secs_f64() * 1e3 / f64::from(delivered.max(1)),
            "ms CPU/frame",
        )
        .with_note("process CPU time / delivered frames: JS paint, rendering update, canvas thread, Media thread"),
    );
    eval(cx, window, "benchTrack.stop()");
    rendering::flush();
    crate::script_thread::run_event_loop(cx, Some(Instant::now() + Duration::from_secs(5)));
    out
}

fn eval_number(cx: &mut JSContext, window: &Window, source: &str) -> f64 {
    let global = window.global_object();
    let _realm = crate::dom::bindings::reflector::enter_realm(cx, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"canvas-bench.js".to_owned(), 1);
    match mozjs::rust::evaluate_script(cx, global, source, rval.handle_mut(), options) {
        Ok(()) if rval.get().is_number() => rval.get().to_number(),
        _ => f64::NAN,
    }
}
