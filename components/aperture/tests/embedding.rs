//! The embedding API used the way an embedder uses it: engines built in this
//! test process, pages that call getUserMedia(), delegates that answer.
//!
//! Each page reports what it saw with `console.log`; a recording console
//! delegate collects the lines, and each test asserts on them once the engine
//! is idle (one run, one assertion on its result: no polling).

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use aperture::{
    CameraChoice, CaptureChange, CaptureDelegate, ConsoleDelegate, ConsoleMessage, DeviceKind, Engine, EngineBuilder,
    PermissionDecision, PermissionDelegate, PermissionPolicy, PermissionRequest, PermissionResponder,
    PermissionSetting, RunOutcome,
};

/// Collects console lines.
#[derive(Clone, Default)]
struct Lines(Rc<RefCell<Vec<String>>>);

impl ConsoleDelegate for Lines {
    fn console_message(&mut self, message: ConsoleMessage) {
        self.0.borrow_mut().push(message.to_display_string());
    }
}

impl Lines {
    fn all(&self) -> Vec<String> {
        self.0.borrow().clone()
    }
}

/// Collects capture changes.
#[derive(Clone, Default)]
struct Captures(Rc<RefCell<Vec<CaptureChange>>>);

impl CaptureDelegate for Captures {
    fn capture_changed(&mut self, change: CaptureChange) {
        self.0.borrow_mut().push(change);
    }
}

/// Keeps each prompt's request and responder for the test to answer.
#[derive(Clone, Default)]
struct Held(Rc<RefCell<Vec<(PermissionRequest, Option<PermissionResponder>)>>>);

impl PermissionDelegate for Held {
    fn request_permission(&mut self, request: PermissionRequest, responder: PermissionResponder) {
        self.0.borrow_mut().push((request, Some(responder)));
    }
}

/// Answers with a policy and records the requests.
#[derive(Clone)]
struct Recorded(PermissionDecision, Rc<RefCell<Vec<PermissionRequest>>>);

impl PermissionDelegate for Recorded {
    fn request_permission(&mut self, request: PermissionRequest, responder: PermissionResponder) {
        self.1.borrow_mut().push(request);
        responder.respond(self.0.clone());
    }
}

/// A page written to a fresh temporary directory, removed when dropped.
struct TempPage(PathBuf);

impl std::ops::Deref for TempPage {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempPage {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Writes `body` as an HTML page in a fresh directory.
fn page(name: &str, body: &str) -> TempPage {
    let dir = std::env::temp_dir().join(format!("aperture-embedding-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.html"));
    std::fs::write(&path, format!("<!doctype html><meta charset=utf-8><body><script>{body}</script>")).unwrap();
    TempPage(path)
}

fn builder(lines: &Lines) -> EngineBuilder {
    Engine::builder().camera(CameraChoice::Fake).console_delegate(lines.clone())
}

fn run(engine: &mut Engine, path: &std::path::Path) -> RunOutcome {
    engine.load(path.to_str().unwrap()).unwrap();
    engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap()
}

/// getUserMedia({video}) and report the outcome.
const GUM: &str = r#"
navigator.mediaDevices.getUserMedia({video: true}).then(
  s => { const t = s.getVideoTracks()[0]; console.log("granted " + t.readyState); t.stop(); },
  e => console.log("rejected " + e.name));
"#;

/// An engine whose page waits on an open camera prompt the test holds: the run
/// times out with nothing settled.
fn waiting_on_a_prompt(name: &str) -> (Engine, Lines, Held) {
    let lines = Lines::default();
    let held = Held::default();
    let mut engine = builder(&lines)
        .default_permission(DeviceKind::Camera, PermissionSetting::Prompt)
        .permission_delegate(held.clone())
        .build()
        .unwrap();
    let p = page(name, GUM);
    engine.load(p.to_str().unwrap()).unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_millis(500))).unwrap(), RunOutcome::TimedOut);
    (engine, lines, held)
}

#[test]
fn granted_without_asking_by_default() {
    let lines = Lines::default();
    let asked = Rc::new(RefCell::new(Vec::new()));
    let mut engine =
        builder(&lines).permission_delegate(Recorded(PermissionPolicy::deny().0, asked.clone())).build().unwrap();
    assert_eq!(run(&mut engine, &page("granted", GUM)), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["granted live"]);
    assert!(asked.borrow().is_empty(), "camera is granted by default: no prompt");
}

#[test]
fn prompt_allowed() {
    let lines = Lines::default();
    let asked = Rc::new(RefCell::new(Vec::new()));
    let mut engine = builder(&lines)
        .default_permission(DeviceKind::Camera, PermissionSetting::Prompt)
        .permission_delegate(Recorded(PermissionPolicy::allow().0, asked.clone()))
        .build()
        .unwrap();
    assert_eq!(run(&mut engine, &page("allowed", GUM)), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["granted live"]);
    let asked = asked.borrow();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].kinds, vec![DeviceKind::Camera]);
    assert_eq!(asked[0].origin, "file://");
    assert!(!asked[0].pan_tilt_zoom);
    assert!(asked[0].devices.iter().any(|d| d.kind == DeviceKind::Camera), "candidates: {:?}", asked[0].devices);
}

#[test]
fn prompt_denied_is_not_allowed_error() {
    let lines = Lines::default();
    let mut engine = builder(&lines)
        .default_permission(DeviceKind::Camera, PermissionSetting::Prompt)
        .permission_delegate(PermissionPolicy::deny())
        .build()
        .unwrap();
    assert_eq!(run(&mut engine, &page("denied", GUM)), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["rejected NotAllowedError"]);
}

#[test]
fn denied_by_policy_never_asks() {
    let lines = Lines::default();
    let asked = Rc::new(RefCell::new(Vec::new()));
    let mut engine = builder(&lines)
        .default_permission(DeviceKind::Camera, PermissionSetting::Denied)
        .permission_delegate(Recorded(PermissionPolicy::allow().0, asked.clone()))
        .build()
        .unwrap();
    assert_eq!(run(&mut engine, &page("policy-denied", GUM)), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["rejected NotAllowedError"]);
    assert!(asked.borrow().is_empty());
}

#[test]
fn prompt_answered_late_keeps_the_page_waiting() {
    let (mut engine, lines, held) = waiting_on_a_prompt("late");
    assert!(lines.all().is_empty());
    // Answered from another thread, later.
    let responder = held.0.borrow_mut()[0].1.take().unwrap();
    std::thread::spawn(move || responder.respond(PermissionPolicy::allow().0)).join().unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap(), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["granted live"]);
}

#[test]
fn dropped_prompt_denies() {
    let (mut engine, lines, held) = waiting_on_a_prompt("dropped");
    drop(held.0.borrow_mut()[0].1.take());
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap(), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["rejected NotAllowedError"]);
}

#[test]
fn remembered_answer_is_not_asked_again() {
    let lines = Lines::default();
    let asked = Rc::new(RefCell::new(Vec::new()));
    let allow = PermissionDecision::Allow { camera: None, microphone: None, pan_tilt_zoom: false, remember: true };
    let mut engine = builder(&lines)
        .default_permission(DeviceKind::Camera, PermissionSetting::Prompt)
        .permission_delegate(Recorded(allow, asked.clone()))
        .build()
        .unwrap();
    let twice = format!("{GUM}\nsetTimeout(() => {{ {GUM} }}, 300);");
    assert_eq!(run(&mut engine, &page("remembered", &twice)), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["granted live", "granted live"]);
    assert_eq!(asked.borrow().len(), 1, "the second request used the remembered grant");
}

#[test]
fn pan_tilt_zoom_asked_and_refused_opens_the_camera_without_it() {
    let lines = Lines::default();
    let asked = Rc::new(RefCell::new(Vec::new()));
    let no_ptz = PermissionDecision::Allow { camera: None, microphone: None, pan_tilt_zoom: false, remember: false };
    let mut engine = builder(&lines).permission_delegate(Recorded(no_ptz, asked.clone())).build().unwrap();
    let body = r#"
navigator.mediaDevices.getUserMedia({video: {pan: true}}).then(s => {
  const t = s.getVideoTracks()[0];
  console.log("pan in capabilities: " + ("pan" in t.getCapabilities()));
  t.stop();
}, e => console.log("rejected " + e.name));
"#;
    assert_eq!(run(&mut engine, &page("ptz-refused", body)), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["pan in capabilities: false"]);
    let asked = asked.borrow();
    assert_eq!(asked.len(), 1);
    assert!(asked[0].pan_tilt_zoom);
}

#[test]
fn pan_tilt_zoom_allowed_exposes_it() {
    let lines = Lines::default();
    let mut engine = builder(&lines).permission_delegate(PermissionPolicy::allow()).build().unwrap();
    let body = r#"
navigator.mediaDevices.getUserMedia({video: {pan: true}}).then(s => {
  const t = s.getVideoTracks()[0];
  console.log("pan in capabilities: " + ("pan" in t.getCapabilities()));
  t.stop();
}, e => console.log("rejected " + e.name));
"#;
    assert_eq!(run(&mut engine, &page("ptz-allowed", body)), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["pan in capabilities: true"]);
}

/// Opens the camera and keeps it until the track ends.
const KEEP: &str = r#"
navigator.mediaDevices.getUserMedia({video: true}).then(s => {
  const t = s.getVideoTracks()[0];
  console.log("capturing");
  t.onended = () => console.log("ended " + t.readyState);
  window.track = t;
}, e => console.log("rejected " + e.name));
"#;

#[test]
fn capture_indicator_events_come_in_order() {
    let lines = Lines::default();
    let captures = Captures::default();
    let mut engine = builder(&lines).capture_delegate(captures.clone()).build().unwrap();
    let body = r#"
navigator.mediaDevices.getUserMedia({video: true, audio: true}).then(s => {
  console.log("capturing");
  setTimeout(() => { s.getTracks().forEach(t => t.stop()); console.log("stopped"); }, 200);
});
"#;
    let page_path = page("indicator", body);
    engine.load(page_path.to_str().unwrap()).unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap(), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["capturing", "stopped"]);
    let seen: Vec<(DeviceKind, bool)> = captures.0.borrow().iter().map(|c| (c.kind, c.active)).collect();
    assert_eq!(
        seen,
        vec![
            (DeviceKind::Camera, true),
            (DeviceKind::Microphone, true),
            (DeviceKind::Microphone, false),
            (DeviceKind::Camera, false)
        ]
    );
    let changes = captures.0.borrow();
    assert_eq!(changes[0].capture, changes[3].capture);
    assert!(!changes[0].device.id.is_empty() && !changes[0].device.label.is_empty(), "{:?}", changes[0].device);
}

#[test]
fn embedder_stops_a_capture() {
    let lines = Lines::default();
    let captures = Captures::default();
    let mut engine = builder(&lines).capture_delegate(captures.clone()).build().unwrap();
    assert_eq!(run(&mut engine, &page("stop", KEEP)), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["capturing"]);
    let capture = captures.0.borrow()[0].capture;
    engine.stop_capture(capture).unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap(), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["capturing", "ended ended"]);
    assert_eq!(captures.0.borrow().last().map(|c| c.active), Some(false));
}

#[test]
fn revocation_ends_the_capture() {
    let lines = Lines::default();
    let captures = Captures::default();
    let mut engine = builder(&lines).capture_delegate(captures.clone()).build().unwrap();
    let body = KEEP;
    assert_eq!(run(&mut engine, &page("revoke", body)), RunOutcome::Idle);
    let origin = captures.0.borrow()[0].origin.clone();
    engine.set_permission(&origin, DeviceKind::Camera, PermissionSetting::Denied).unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap(), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["capturing", "ended ended"]);
    // A new request is refused without a prompt.
    let again = page("revoke-again", GUM);
    assert_eq!(run(&mut engine, &again), RunOutcome::Idle);
    assert_eq!(lines.all().last().map(String::as_str), Some("rejected NotAllowedError"));
}

#[test]
fn two_engines_in_one_process_are_independent() {
    let (a_lines, b_lines) = (Lines::default(), Lines::default());
    let mut a = builder(&a_lines).default_permission(DeviceKind::Camera, PermissionSetting::Denied).build().unwrap();
    let mut b = builder(&b_lines).build().unwrap();
    let (page_a, page_b) =
        (page("engine-a", &format!("console.log('a'); {GUM}")), page("engine-b", &format!("console.log('b'); {GUM}")));
    a.load(page_a.to_str().unwrap()).unwrap();
    b.load(page_b.to_str().unwrap()).unwrap();
    let deadline = Some(Instant::now() + Duration::from_secs(60));
    assert_eq!(a.run_until(deadline).unwrap(), RunOutcome::Idle);
    assert_eq!(b.run_until(deadline).unwrap(), RunOutcome::Idle);
    assert_eq!(a_lines.all(), vec!["a", "rejected NotAllowedError"], "engine a denies the camera");
    assert_eq!(b_lines.all(), vec!["b", "granted live"], "engine b's permissions are its own");
    // And on two threads at once.
    let handles: Vec<_> = (0..2)
        .map(|i| {
            std::thread::spawn(move || {
                let lines = Lines::default();
                let mut e = builder(&lines).build().unwrap();
                let p = page(&format!("thread-{i}"), &format!("console.log('thread {i}'); {GUM}"));
                assert_eq!(run(&mut e, &p), RunOutcome::Idle);
                lines.all()
            })
        })
        .collect();
    for (i, h) in handles.into_iter().enumerate() {
        assert_eq!(h.join().unwrap(), vec![format!("thread {i}"), "granted live".to_string()]);
    }
}

#[test]
fn uncaught_errors_are_structured_records() {
    #[derive(Clone, Default)]
    struct Records(Rc<RefCell<Vec<ConsoleMessage>>>);
    impl ConsoleDelegate for Records {
        fn console_message(&mut self, message: ConsoleMessage) {
            self.0.borrow_mut().push(message);
        }
    }
    let records = Records::default();
    let mut engine = Engine::builder().console_delegate(records.clone()).build().unwrap();
    let path = page("uncaught", "console.warn('careful'); null.x;");
    let page_id = engine.load(path.to_str().unwrap()).unwrap();
    assert_eq!(engine.run().unwrap(), RunOutcome::Idle);
    assert_eq!(engine.uncaught_error_count(), 1);
    let records = records.0.borrow();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].level, aperture::ConsoleLevel::Warning);
    assert_eq!(records[0].text, "careful");
    assert_eq!(records[1].level, aperture::ConsoleLevel::Uncaught);
    assert!(records[1].text.starts_with("Uncaught TypeError"), "{:?}", records[1]);
    assert!(records[1].location.as_deref().is_some_and(|l| l.contains("uncaught.html:1:")), "{:?}", records[1]);
    assert_eq!(records[1].page, Some(page_id));
}

#[test]
fn a_page_that_cannot_load_is_an_error() {
    let lines = Lines::default();
    let mut engine = builder(&lines).build().unwrap();
    engine.load("/nonexistent/aperture/page.html").unwrap();
    assert!(matches!(engine.run(), Err(aperture::EngineError::Load { .. })));
    // The engine goes on: the next page runs.
    assert_eq!(run(&mut engine, &page("after-failure", "console.log('ok')")), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["ok"]);
}

#[test]
fn shutdown_stops_a_script_that_never_yields() {
    let lines = Lines::default();
    let mut engine = builder(&lines).build().unwrap();
    let busy = page("busy", "console.log('spinning'); for (;;) {}");
    engine.load(busy.to_str().unwrap()).unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_millis(300))).unwrap(), RunOutcome::TimedOut);
    let start = Instant::now();
    engine.shutdown();
    assert!(start.elapsed() < Duration::from_secs(10), "shutdown took {:?}", start.elapsed());
    assert_eq!(lines.all(), vec!["spinning"]);
}

#[test]
fn answering_after_shutdown_is_ignored() {
    let (engine, _lines, held) = waiting_on_a_prompt("answer-late");
    let responder = held.0.borrow_mut()[0].1.take().unwrap();
    engine.shutdown();
    responder.respond(PermissionPolicy::allow().0);
}

#[test]
fn example_embedder_writes_a_png_of_the_captured_canvas() {
    // cargo builds the examples of a package for its tests: <target>/debug/examples/embedder.
    let exe = std::env::current_exe().unwrap();
    let binary = exe.parent().and_then(|deps| deps.parent()).unwrap().join("examples/embedder");
    let out = std::env::temp_dir().join(format!("aperture-embedder-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/capture.html");
    let output = std::process::Command::new(&binary).arg(&page).arg(&out).output().unwrap_or_else(|e| {
        panic!("cannot run {}: {e}", binary.display());
    });
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "stdout {stdout}\nstderr {}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.starts_with("embedder: canvas image")).collect();
    assert_eq!(
        lines,
        vec![
            "embedder: file:// asks for [Camera]; allowing camera Some(\"aperture-fake-camera-0\")",
            "embedder: capture indicator on: camera 'Aperture Fake Camera'",
            "page: camera Aperture Fake Camera",
            "page: canvas capture live",
            "embedder: capture indicator off: camera 'Aperture Fake Camera'",
            "embedder: the page is done",
        ],
        "stdout:\n{stdout}"
    );
    // The canvas's last image: the red mark over the camera frame.
    let png = std::fs::read_dir(&out).unwrap().filter_map(|e| e.ok()).find(|e| e.file_name() == "canvas-1.png");
    let png = png.unwrap_or_else(|| panic!("no canvas-1.png in {}; stdout {stdout}", out.display())).path();
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (160, 120));
    let at = |x: usize, y: usize| &pixels[(y * 160 + x) * 4..][..4];
    assert_eq!(at(20, 20), [255, 0, 0, 255]);
    assert_eq!(at(100, 100)[3], 255, "the camera frame under it is opaque");
    let _ = std::fs::remove_dir_all(&out);
}

/// An embedder's camera stack for the tests: one camera with two modes whose
/// frames are one solid colour, pushed from the camera's own thread. Its first
/// push is a frame of the wrong size, which Aperture must refuse.
#[derive(Clone, Default)]
struct TestCameras {
    panic_on_open: bool,
    /// Whether a second camera is plugged in.
    second: std::sync::Arc<std::sync::atomic::AtomicBool>,
    state: std::sync::Arc<std::sync::Mutex<TestCameraState>>,
}

#[derive(Default)]
struct TestCameraState {
    opened: Vec<(String, aperture::VideoMode)>,
    first_push: Option<Result<(), aperture::FrameRejected>>,
    frames_accepted: usize,
    stopped: usize,
}

const TEST_COLOUR: [u8; 4] = [0, 128, 255, 255];

impl aperture::CameraBackend for TestCameras {
    fn cameras(&self) -> Vec<aperture::CameraDescription> {
        let mut list = vec![aperture::CameraDescription {
            device_id: "test-cam-1".into(),
            label: "Test Camera".into(),
            modes: vec![
                aperture::VideoMode { width: 320, height: 240, frame_rate: 30.0 },
                aperture::VideoMode { width: 640, height: 480, frame_rate: 30.0 },
            ],
        }];
        if self.second.load(std::sync::atomic::Ordering::Acquire) {
            list.push(aperture::CameraDescription {
                device_id: "test-cam-2".into(),
                label: "Second Camera".into(),
                modes: vec![aperture::VideoMode { width: 1280, height: 720, frame_rate: 30.0 }],
            });
        }
        list
    }

    fn open(
        &self,
        device_id: &str,
        mode: aperture::VideoMode,
        frames: aperture::CameraFrames,
    ) -> Result<Box<dyn aperture::CameraSession>, String> {
        assert!(!self.panic_on_open, "the test camera is broken");
        self.state.lock().unwrap().opened.push((device_id.to_string(), mode));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (state, flag) = (self.state.clone(), stop.clone());
        let pusher = std::thread::spawn(move || {
            let wrong = aperture::VideoFrame::from_rgba(aperture::ImageSize::new(100, 100), vec![0u8; 100 * 100 * 4]);
            state.lock().unwrap().first_push = Some(frames.push(wrong));
            while !flag.load(std::sync::atomic::Ordering::Acquire) {
                let m = frames.mode();
                let pixels: Vec<u8> =
                    TEST_COLOUR.iter().copied().cycle().take((m.width * m.height * 4) as usize).collect();
                let frame = aperture::VideoFrame::from_rgba(aperture::ImageSize::new(m.width, m.height), pixels);
                if frames.push(frame).is_ok() {
                    state.lock().unwrap().frames_accepted += 1;
                }
                std::thread::sleep(Duration::from_millis(30));
            }
        });
        Ok(Box::new(TestSession { stop, pusher: Some(pusher), state: self.state.clone() }))
    }
}

struct TestSession {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    pusher: Option<std::thread::JoinHandle<()>>,
    state: std::sync::Arc<std::sync::Mutex<TestCameraState>>,
}

impl aperture::CameraSession for TestSession {
    fn set_mode(&mut self, _mode: aperture::VideoMode) {
        // The pusher reads the mode from its CameraFrames at every frame.
    }
}

impl Drop for TestSession {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Release);
        if let Some(p) = self.pusher.take() {
            let _ = p.join();
        }
        self.state.lock().unwrap().stopped += 1;
    }
}

const EMBEDDER_CAMERA_PAGE: &str = r#"
navigator.mediaDevices.getUserMedia({video: {width: 320}}).then(async s => {
  const t = s.getVideoTracks()[0];
  const st = t.getSettings();
  console.log(t.label + " " + st.deviceId + " " + st.width + "x" + st.height);
  const b = await new ImageCapture(t).grabFrame();
  const c = document.createElement("canvas"); c.width = b.width; c.height = b.height;
  const ctx = c.getContext("2d"); ctx.drawImage(b, 0, 0);
  console.log("pixel " + Array.from(ctx.getImageData(10, 10, 1, 1).data).join(","));
  await t.applyConstraints({width: {exact: 640}, height: {exact: 480}});
  const big = await new ImageCapture(t).grabFrame();
  console.log("after applyConstraints " + big.width + "x" + big.height);
  const devices = await navigator.mediaDevices.enumerateDevices();
  console.log("cameras " + devices.filter(d => d.kind === "videoinput").map(d => d.label).join("|"));
  t.stop();
}, e => console.log("rejected " + e.name));
"#;

#[test]
fn an_embedder_camera_delivers_its_frames_to_the_page() {
    let lines = Lines::default();
    let cameras = TestCameras::default();
    let mut engine = Engine::builder().camera_backend(cameras.clone()).console_delegate(lines.clone()).build().unwrap();
    assert_eq!(run(&mut engine, &page("embedder-camera", EMBEDDER_CAMERA_PAGE)), RunOutcome::Idle);
    assert_eq!(
        lines.all(),
        vec![
            "Test Camera test-cam-1 320x240".to_string(),
            format!("pixel {}", TEST_COLOUR.map(|c| c.to_string()).join(",")),
            "after applyConstraints 640x480".to_string(),
            "cameras Test Camera".to_string(),
        ]
    );
    let state = cameras.state.lock().unwrap();
    assert_eq!(
        state.opened,
        vec![("test-cam-1".to_string(), aperture::VideoMode { width: 320, height: 240, frame_rate: 30.0 })]
    );
    assert_eq!(
        state.first_push,
        Some(Err(aperture::FrameRejected::WrongSize { expected: (320, 240), got: (100, 100) })),
        "a frame of the wrong size is refused"
    );
    assert!(state.frames_accepted >= 1);
    assert_eq!(state.stopped, 1, "track.stop() stops the embedder's camera");
}

#[test]
fn an_embedder_camera_that_panics_when_opened_fails_the_request_only() {
    let lines = Lines::default();
    let cameras = TestCameras { panic_on_open: true, ..Default::default() };
    let mut engine = Engine::builder().camera_backend(cameras).console_delegate(lines.clone()).build().unwrap();
    assert_eq!(run(&mut engine, &page("embedder-camera-panics", GUM)), RunOutcome::Idle);
    assert_eq!(
        run(&mut engine, &page("embedder-camera-after-panic", "console.log('still running')")),
        RunOutcome::Idle
    );
    assert_eq!(lines.all(), vec!["rejected NotReadableError", "still running"]);
}

#[test]
fn a_permission_status_follows_the_embedders_changes() {
    let lines = Lines::default();
    let captures = Captures::default();
    let mut engine = builder(&lines).capture_delegate(captures.clone()).build().unwrap();
    let body = format!(
        "navigator.permissions.query({{name: 'microphone'}}).then(s => {{
           console.log('microphone ' + s.state); window.status = s;
           s.onchange = () => console.log('change ' + s.state); }});
         {KEEP}"
    );
    assert_eq!(run(&mut engine, &page("status-change", &body)), RunOutcome::Idle);
    let origin = captures.0.borrow()[0].origin.clone();
    engine.set_permission(&origin, DeviceKind::Microphone, PermissionSetting::Denied).unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap(), RunOutcome::Idle);
    assert_eq!(lines.all(), vec!["microphone granted", "capturing", "change denied"]);
}

#[test]
fn devicechange_fires_when_the_embedders_cameras_change() {
    let lines = Lines::default();
    let cameras = TestCameras::default();
    let mut engine = Engine::builder().camera_backend(cameras.clone()).console_delegate(lines.clone()).build().unwrap();
    // The page captures first: a document that never captured sees one anonymous camera,
    // whatever is plugged in, so its exposed list (and devicechange) would not change.
    let body = "navigator.mediaDevices.getUserMedia({video: true}).then(s => s.getTracks().forEach(t => t.stop()));
                navigator.mediaDevices.ondevicechange = async e => {
                  const cams = (await navigator.mediaDevices.enumerateDevices()).filter(d => d.kind === 'videoinput');
                  const listed = e.devices.filter(d => d.kind === 'videoinput').length;
                  console.log(e.type + ' ' + (e instanceof DeviceChangeEvent) + ' ' + cams.map(d => d.label).join('|')
                              + ' listed ' + listed + ' inserted ' + e.userInsertedDevices.map(d => d.label).join('|'));
                };";
    let p = page("devicechange", body);
    assert_eq!(run(&mut engine, &p), RunOutcome::Idle);
    // Nothing changed: no event.
    engine.devices_changed().unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap(), RunOutcome::Idle);
    // A camera is plugged in.
    cameras.second.store(true, std::sync::atomic::Ordering::Release);
    engine.devices_changed().unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap(), RunOutcome::Idle);
    // And unplugged.
    cameras.second.store(false, std::sync::atomic::Ordering::Release);
    engine.devices_changed().unwrap();
    assert_eq!(engine.run_until(Some(Instant::now() + Duration::from_secs(60))).unwrap(), RunOutcome::Idle);
    assert_eq!(
        lines.all(),
        vec![
            "devicechange true Test Camera|Second Camera listed 2 inserted Second Camera",
            "devicechange true Test Camera listed 1 inserted "
        ],
    );
}

#[test]
fn input_from_the_embedder_is_trusted_and_activates_the_page() {
    let lines = Lines::default();
    let mut engine = builder(&lines).build().unwrap();
    let path = page(
        "input",
        "document.body.innerHTML = '<button id=b style=\"width:100px;height:40px\">Shoot</button><input id=i>';\n\
         b.onclick = e => { console.log('click trusted=' + e.isTrusted + ' active=' + navigator.userActivation.isActive); i.focus(); };\n\
         i.oninput = () => console.log('value=' + i.value);\n\
         console.log('before active=' + navigator.userActivation.hasBeenActive);",
    );
    let page_id = engine.load(path.to_str().unwrap()).unwrap();
    assert_eq!(engine.run().unwrap(), RunOutcome::Idle);
    // The button's box is (8, 8)–(108, 48); its click handler moves the focus to the input,
    // where the keys go.
    engine.send_input(page_id, aperture::UserInput::Click { x: 50.0, y: 28.0 }).unwrap();
    engine.send_input(page_id, aperture::UserInput::Keys("ok".into())).unwrap();
    assert_eq!(engine.run().unwrap(), RunOutcome::Idle);
    assert_eq!(lines.all(), ["before active=false", "click trusted=true active=true", "value=o", "value=ok"]);
}
