//! `./mach bench [GROUP…]`: Aperture's benchmarks (never part of `./mach test`).
//! Groups: `bindings`, `layout`, `canvas-dom`, `canvas`, `images`, `media`, `media-dom` (all by default). Prints one table.

use std::rc::Rc;

use base::bench::Measurement;
use script::dom::html::window::{Window, WindowOptions};
use script::prefs::Prefs;
use script::script_runtime::{Engine, ScriptRuntime};

/// SpiderMonkey starts once per process (it cannot start again after shutting
/// down), so the groups that run JS share one engine; each gets its own
/// runtime and window, unregistered from the event loop when the group ends.
fn with_window(
    engine: &Engine,
    url: &str,
    run: impl FnOnce(&mut script::mozjs::context::JSContext, &Window) -> Vec<Measurement>,
) -> Vec<Measurement> {
    let mut runtime = ScriptRuntime::new(engine);
    let cx = runtime.cx();
    let url = url::Url::parse(url).expect("a valid URL");
    let window = Window::new(
        cx,
        WindowOptions { url, prefs: Rc::new(Prefs::new()), inherited_secure_context: None, page: Default::default() },
    );
    let rows = run(cx, &window);
    script::script_thread::remove_window(&window);
    rows
}

/// Captured canvas frames straight to the Media thread (as the host's sink).
struct ToMedia(crossbeam_channel::Sender<media_traits::messages::MediaCommand>);

impl canvas::FrameSink for ToMedia {
    fn push_frame(&self, source: base::SourceId, frame: base::VideoFrame) {
        let _ = self.0.send(media_traits::messages::MediaCommand::PushFrame { source, frame });
    }
}

fn main() {
    let groups: Vec<String> = std::env::args().skip(1).collect();
    let wants = |g: &str| groups.is_empty() || groups.iter().any(|x| x == g);
    let mut rows: Vec<(&str, Measurement)> = Vec::new();
    let engine =
        (wants("bindings") || wants("layout") || wants("canvas-dom") || wants("media-dom") || wants("workers"))
            .then(|| Engine::init().expect("SpiderMonkey starts"));

    if let (true, Some(engine)) = (wants("bindings"), &engine) {
        let out = with_window(engine, "http://localhost/bench.html", script::bench::run);
        rows.extend(out.into_iter().map(|m| ("bindings", m)));
    }
    if let (true, Some(engine)) = (wants("layout"), &engine) {
        let out = with_window(engine, "http://localhost/layout-bench.html", |cx, window| {
            script::dom::layout::bench::run(cx, window)
        });
        rows.extend(out.into_iter().map(|m| ("layout", m)));
    }
    if let (true, Some(engine)) = (wants("canvas-dom"), &engine) {
        // The canvas thread with a sink that hands captured frames back to
        // the benchmark (no media thread: frames stop at the sink).
        let (frame_tx, frame_rx) = crossbeam_channel::unbounded();
        let thread =
            canvas::spawn(Box::new(canvas::NullCompositor::new()), Box::new(canvas::ChannelFrameSink(frame_tx)));
        script::threads::set_canvas_sender(thread.sender());
        let copies = || thread.stats().copies();
        let out = with_window(engine, "http://localhost/canvas-bench.html", |cx, window| {
            script::dom::canvas::bench::run(cx, window, &frame_rx, &copies)
        });
        rows.extend(out.into_iter().map(|m| ("canvas-dom", m)));
        drop(thread);
        // The whole captureStream() path, wired as the host wires it: canvas
        // frames go straight to the Media thread, a sink on the track reads them.
        let remote = script::script_thread::remote_task_sender();
        let events = Box::new(move |event| {
            let _ = remote.send(Box::new(move |cx: &mut script::mozjs::context::JSContext| {
                script::media_events::dispatch(cx, event)
            }));
        });
        match media::spawn(media::MediaOptions { camera: media::CameraChoice::Fake, ..Default::default() }, events) {
            Ok(media_thread) => {
                script::threads::set_media_sender(media_thread.sender());
                script::threads::set_recorder_support(media_thread.recorder_support());
                let thread =
                    canvas::spawn(Box::new(canvas::NullCompositor::new()), Box::new(ToMedia(media_thread.sender())));
                script::threads::set_canvas_sender(thread.sender());
                let copies = || thread.stats().copies();
                let out = with_window(engine, "http://localhost/canvas-capture-bench.html", |cx, window| {
                    script::dom::canvas::bench::run_track_reader(cx, window, &copies)
                });
                rows.extend(out.into_iter().map(|m| ("canvas-dom", m)));
                drop(thread);
                media_thread.exit();
            }
            Err(e) => eprintln!("canvas-dom: the media thread could not start: {e}"),
        }
    }
    if let (true, Some(engine)) = (wants("workers"), &engine) {
        let (frame_tx, _frame_rx) = crossbeam_channel::unbounded();
        let thread =
            canvas::spawn(Box::new(canvas::NullCompositor::new()), Box::new(canvas::ChannelFrameSink(frame_tx)));
        script::threads::set_canvas_sender(thread.sender());
        let copies = || thread.stats().copies();
        let out = with_window(engine, "http://localhost/worker-bench.html", |cx, window| {
            script::dom::workers::bench::run(cx, window, &copies)
        });
        script::dom::workers::worker::terminate_all();
        rows.extend(out.into_iter().map(|m| ("workers", m)));
        drop(thread);
    }
    if wants("canvas") {
        rows.extend(canvas::bench::all().into_iter().map(|m| ("canvas", m)));
    }
    if wants("images") {
        // Decoding a 1080p JPEG and PNG as `<img>` and `createImageBitmap()` do (off the script
        // thread, on the same decoders), median of 10.
        let (jpeg, png) = canvas::bench::encoded_test_images();
        for (name, bytes) in [("JPEG", &jpeg), ("PNG", &png)] {
            let ms = canvas::bench::median_ms(10, || {
                let _ = script::imaging::decode(bytes);
            });
            let note = format!("{} KiB, 1920x1080 gradients and noise, median of 10", bytes.len() / 1024);
            rows.push(("images", Measurement::new(format!("decode 1080p {name}"), ms, "ms").with_note(note)));
        }
    }
    if wants("media") {
        rows.extend(media::bench::run_all().into_iter().map(|m| ("media", m)));
    }
    if wants("recording") {
        let wpt = std::env::var_os("APERTURE_WPT_ROOT").map(std::path::PathBuf::from);
        rows.extend(media::bench::run_recording(wpt.as_deref()).into_iter().map(|m| ("recording", m)));
    }
    if let (true, Some(engine)) = (wants("media-dom"), &engine) {
        // The Media thread with the fake camera, its events queued as tasks here (as the host does).
        let remote = script::script_thread::remote_task_sender();
        let options = media::MediaOptions { camera: media::CameraChoice::Fake, ..Default::default() };
        let events = Box::new(move |event| {
            let _ = remote.send(Box::new(move |cx: &mut script::mozjs::context::JSContext| {
                script::media_events::dispatch(cx, event)
            }));
        });
        match media::spawn(options, events) {
            Ok(thread) => {
                script::threads::set_media_sender(thread.sender());
                script::threads::set_recorder_support(thread.recorder_support());
                // Canvas capture tracks are media sources too: their frames go to this Media thread.
                let canvas_thread =
                    canvas::spawn(Box::new(canvas::NullCompositor::new()), Box::new(ToMedia(thread.sender())));
                script::threads::set_canvas_sender(canvas_thread.sender());
                let out = with_window(engine, "http://localhost/media-bench.html", |cx, window| {
                    script::dom::mediacapture::bench::run(cx, window)
                });
                rows.extend(out.into_iter().map(|m| ("media-dom", m)));
                drop(canvas_thread);
                thread.exit();
            }
            Err(e) => eprintln!("media-dom: the media thread could not start: {e}"),
        }
    }

    println!("{:<9} {:<66} {:>10} {:<14} note", "group", "measurement", "value", "unit");
    for (group, m) in &rows {
        println!("{group:<9} {m}");
    }
}
