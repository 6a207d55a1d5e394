//! Benchmarks of the canvas DOM for `./mach bench canvas-dom` (never part of
//! `./mach test`): a page's paint through the rendering update and the
//! capture decision to a frame leaving the canvas thread, and the cost of a
//! rendering step when nothing changed. The host side (the bench binary)
//! runs the canvas thread with a frame sink that hands frames back here.

use std::time::{Duration, Instant};

use base::bench::{Measurement, median, process_cpu_time};
use base::{SourceId, VideoFrame};
use crossbeam_channel::Receiver;
use mozjs::context::JSContext;
use mozjs::jsval::UndefinedValue;
use mozjs::rooted;

use crate::dom::bindings::root::DomRoot;
use crate::dom::canvas::canvascapture::CanvasCapture;
use crate::dom::canvas::htmlcanvaselement::HTMLCanvasElement;
use crate::dom::canvas::rendering;
use crate::dom::window::Window;

fn eval(cx: &mut JSContext, window: &Window, source: &str) -> bool {
    let global = window.global_object();
    let _realm = mozjs::jsapi::JSAutoRealm::new(unsafe { cx.raw_cx() }, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"canvas-bench.js".to_owned(), 1);
    if mozjs::rust::evaluate_script(cx, global, source, rval.handle_mut(), options).is_err() {
        crate::script_runtime::report_pending_exception(cx);
        return false;
    }
    true
}

/// Paint → rendering update → `CaptureFrame` → frame at the sink, per frame,
/// at each size; then the idle rendering step. `frames` receives what the
/// canvas thread's frame sink gets; `copies` reads its copy counter.
pub fn run(cx: &mut JSContext, window: &Window, frames: &Receiver<(SourceId, VideoFrame)>, copies: &dyn Fn() -> u64) -> Vec<Measurement> {
    let mut out = Vec::new();
    for (w, h, n) in [(640u32, 480u32, 100usize), (1920, 1080, 40)] {
        let setup = format!(
            "globalThis.benchCanvas = document.createElement('canvas'); benchCanvas.width = {w}; benchCanvas.height = {h};
             globalThis.benchCtx = benchCanvas.getContext('2d'); globalThis.benchFrame = 0;
             globalThis.benchPaint = () => {{ const c = benchCtx; benchFrame++;
               c.clearRect(0, 0, {w}, {h}); c.fillStyle = `rgb(${{benchFrame % 256}} 40 90)`; c.fillRect(0, 0, {w}, {h});
               for (let i = 0; i < 8; i++) {{ c.beginPath(); c.arc(({w} / 9) * (i + 1), {h} / 2, {h} / 6, 0, 6.283); c.fillStyle = 'rgba(255, 200, 0, 0.5)'; c.fill(); }} }};"
        );
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
            rendering::update_the_rendering(cx);
            // Wait for this frame (for the measurement only: pages never wait).
            let _ = frames.recv_timeout(Duration::from_secs(5));
            samples.push(start.elapsed().as_secs_f64() * 1e3);
            // Let the next iteration count as a new rendering opportunity.
            rendering::forget_last_update();
        }
        let cpu = (process_cpu_time() - cpu_before).as_secs_f64() * 1e3 / n as f64;
        let copies_per_frame = (copies() - copies_before) as f64 / n as f64;
        let ms = median(&mut samples);
        out.push(Measurement::new(format!("DOM paint→rendering update→frame {w}x{h}"), ms, "ms/frame").with_note(format!("{n} runs, median; clear + fill + 8 translucent arcs from JS")));
        out.push(Measurement::new(format!("DOM paint→frame {w}x{h} CPU"), cpu, "ms CPU/frame").with_note("process CPU time / frames"));
        out.push(Measurement::new(format!("DOM paint→frame {w}x{h} copies"), copies_per_frame, "copies/frame").with_note("all on the canvas thread; script copies none"));
        capture.end(cx);
        rendering::flush();
    }
    // Idle: rendering steps with a capture running and nothing painted.
    let updates_before = rendering::rendering_update_count();
    let start = Instant::now();
    let steps = 100_000u32;
    for _ in 0..steps {
        if rendering::rendering_update_due(Instant::now()) {
            rendering::update_the_rendering(cx);
        }
    }
    let ns = start.elapsed().as_secs_f64() * 1e9 / steps as f64;
    out.push(Measurement::new("DOM rendering step, nothing dirty", ns, "ns/step").with_note("the event loop's check; no timer, no batch"));
    out.push(Measurement::new("DOM rendering updates while idle", (rendering::rendering_update_count() - updates_before) as f64, "updates").with_note(format!("over {steps} steps")));
    let idle_frames = frames.try_iter().count();
    out.push(Measurement::new("DOM frames while idle", idle_frames as f64, "frames"));
    out
}

fn bench_canvas(cx: &mut JSContext, window: &Window) -> Option<DomRoot<HTMLCanvasElement>> {
    let global = window.global_object();
    let _realm = mozjs::jsapi::JSAutoRealm::new(unsafe { cx.raw_cx() }, global.get());
    rooted!(&in(cx) let mut rval = UndefinedValue());
    let options = mozjs::rust::CompileOptionsWrapper::new(cx, c"canvas-bench.js".to_owned(), 1);
    mozjs::rust::evaluate_script(cx, global, "benchCanvas", rval.handle_mut(), options).ok()?;
    if !rval.get().is_object() {
        return None;
    }
    unsafe { crate::dom::bindings::conversions::root_from_object::<HTMLCanvasElement>(rval.get().to_object()) }
}
