//! Benchmarks (never run by `cargo test`), called by `aperture-bench` and by
//! `cargo run -p media --example media_bench`.
//!
//! They drive a real Media thread with the fake camera: open → first frame,
//! grabFrame latency and rate at 640x480 and 1280x720 (with process CPU and
//! copies per frame), the YUY2→RGBA conversion alone, takePhoto at 1920x1080
//! (JPEG and PNG, end to end and encode only), and the canvas feed.

use std::time::{Duration, Instant};

use base::bench::{Measurement, median, process_cpu_time};
use base::units::ImageSize;
use base::{FrameBytes, PixelFormat, RequestId, SourceId, VideoFrame};
use crossbeam_channel::Receiver;
use gstreamer as gst;
use gstreamer::prelude::*;
use media_traits::constraints::{Constrain, ConstrainRange, MediaTrackConstraintSet, MediaTrackConstraints};
use media_traits::error::{MediaError, MediaErrorKind};
use media_traits::messages::{MediaCommand, MediaEvent, MediaReply, PhotoFormat, SinkId};
use media_traits::photo::PhotoSettings;
use media_traits::slot::FrameSlot;

use crate::{CameraChoice, MediaOptions, MediaThread};

struct Client {
    media: MediaThread,
    events: Receiver<MediaEvent>,
}

impl Client {
    fn new() -> Result<Client, MediaError> {
        let (tx, rx) = crossbeam_channel::unbounded();
        let options = MediaOptions { camera: CameraChoice::Fake, ..Default::default() };
        let media = crate::spawn(
            options,
            Box::new(move |e| {
                let _ = tx.send(e);
            }),
        )?;
        Ok(Client { media, events: rx })
    }

    fn call(&self, make: impl FnOnce(RequestId) -> MediaCommand) -> Result<MediaReply, MediaError> {
        let request = RequestId::next();
        let _ = self.media.sender().send(make(request));
        loop {
            match self.events.recv_timeout(Duration::from_secs(10)) {
                Ok(MediaEvent::Reply { request: r, result, .. }) if r == request => return result,
                Ok(_) => {}
                Err(_) => return Err(MediaError::Unknown("benchmark: no reply".into())),
            }
        }
    }

    fn open(&self, w: u32, h: u32) -> Result<SourceId, MediaError> {
        let exact = |v| Some(Constrain::Range(ConstrainRange { exact: Some(v), ..Default::default() }));
        let basic = MediaTrackConstraintSet { width: exact(w), height: exact(h), ..Default::default() };
        let source = SourceId::next();
        let constraints = MediaTrackConstraints { basic, advanced: None };
        self.call(|request| MediaCommand::OpenCamera {
            request,
            source,
            constraints,
            ptz_permitted: true,
            device: None,
        })?;
        Ok(source)
    }

    fn grab(&self, source: SourceId) -> Result<VideoFrame, MediaError> {
        match self.call(|request| MediaCommand::GrabFrame { request, source, ended_error: MediaErrorKind::Unknown })? {
            MediaReply::Frame(f) => Ok(f),
            _ => Err(MediaError::Unknown("unexpected reply".into())),
        }
    }

    fn stop(&self, source: SourceId) {
        let _ = self.call(|request| MediaCommand::StopSource { request, source });
    }

    fn copies_per_frame(&self, source: SourceId) -> f64 {
        match self.call(|request| MediaCommand::GetStats { request, source }) {
            Ok(MediaReply::Stats(s)) => s.copies_per_frame(),
            _ => f64::NAN,
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Every media benchmark.
pub fn run_all() -> Vec<Measurement> {
    let mut out = Vec::new();
    let client = match Client::new() {
        Ok(c) => c,
        Err(e) => {
            log::error!("media benchmarks skipped: {e}");
            return out;
        }
    };
    out.extend(open_to_first_frame(&client));
    out.extend(grab(&client, 640, 480));
    out.extend(grab(&client, 1280, 720));
    out.extend(conversion(1280, 720));
    out.extend(take_photo(&client, PhotoFormat::Jpeg));
    out.extend(take_photo(&client, PhotoFormat::Png));
    out.extend(encode_only());
    out.extend(canvas_feed(&client));
    out
}

/// getUserMedia on the fake camera until its first frame (the open reply).
pub fn open_to_first_frame_bench() -> Vec<Measurement> {
    Client::new().map(|c| open_to_first_frame(&c)).unwrap_or_default()
}

fn open_to_first_frame(c: &Client) -> Vec<Measurement> {
    let mut samples = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        match c.open(640, 480) {
            Ok(s) => {
                samples.push(ms(start.elapsed()));
                c.stop(s);
            }
            Err(e) => log::error!("open failed: {e}"),
        }
    }
    let n = samples.len();
    vec![
        Measurement::new("camera open → first frame 640x480", median(&mut samples), "ms")
            .with_note(format!("median of {n}")),
    ]
}

fn grab(c: &Client, w: u32, h: u32) -> Vec<Measurement> {
    let Ok(source) = c.open(w, h) else { return vec![] };
    let _ = c.grab(source);
    let n = 60;
    let mut latencies = Vec::new();
    let cpu0 = process_cpu_time();
    let start = Instant::now();
    for _ in 0..n {
        let t = Instant::now();
        if c.grab(source).is_ok() {
            latencies.push(ms(t.elapsed()));
        }
    }
    let wall = start.elapsed();
    let cpu = process_cpu_time().saturating_sub(cpu0);
    let copies = c.copies_per_frame(source);
    c.stop(source);
    let got = latencies.len();
    let mut sorted = latencies.clone();
    sorted.sort_by(f64::total_cmp);
    let p90 = sorted.get(got * 9 / 10).copied().unwrap_or(0.0);
    vec![
        Measurement::new(format!("grabFrame latency {w}x{h}"), median(&mut latencies), "ms").with_note(format!(
            "median of {got}, p90 {p90:.1} ms; includes waiting for the next frame (33 ms at 30 fps)"
        )),
        Measurement::new(format!("grabFrame rate {w}x{h}"), got as f64 / wall.as_secs_f64(), "fps")
            .with_note("back-to-back grabs"),
        Measurement::new(format!("process CPU per grabbed frame {w}x{h}"), ms(cpu) / got.max(1) as f64, "ms CPU/frame")
            .with_note("fake camera drawing + YUY2→RGBA + delivery, all threads"),
        Measurement::new(format!("copies per grabbed frame {w}x{h}"), copies, "copies/frame")
            .with_note("the YUY2→RGBA conversion"),
    ]
}

/// YUY2 → RGBA with `videoconvert`, the conversion a camera grab pays.
fn conversion(w: u32, h: u32) -> Vec<Measurement> {
    let run = || -> Option<f64> {
        let pipeline = gst::parse::launch(&format!(
            "appsrc name=src caps=video/x-raw,format=YUY2,width={w},height={h},framerate=30/1 format=time ! videoconvert ! \
             video/x-raw,format=RGBA ! appsink name=sink sync=false"
        ))
        .ok()?
        .downcast::<gst::Pipeline>()
        .ok()?;
        let src = pipeline.by_name("src")?.downcast::<gstreamer_app::AppSrc>().ok()?;
        let sink = pipeline.by_name("sink")?.downcast::<gstreamer_app::AppSink>().ok()?;
        pipeline.set_state(gst::State::Playing).ok()?;
        let frame = gst::Buffer::from_mut_slice(vec![128u8; (w * h * 2) as usize]);
        let mut samples = Vec::new();
        for i in 0..40 {
            let mut b = frame.copy();
            b.get_mut()?.set_pts(gst::ClockTime::from_mseconds(i * 33));
            let t = Instant::now();
            src.push_buffer(b).ok()?;
            sink.try_pull_sample(gst::ClockTime::from_seconds(2))?;
            if i >= 5 {
                samples.push(ms(t.elapsed()));
            }
        }
        let _ = pipeline.set_state(gst::State::Null);
        Some(median(&mut samples))
    };
    run()
        .map(|v| {
            vec![
                Measurement::new(format!("YUY2→RGBA conversion {w}x{h}"), v, "ms")
                    .with_note("videoconvert, push→pull, median of 35"),
            ]
        })
        .unwrap_or_default()
}

fn take_photo(c: &Client, format: PhotoFormat) -> Vec<Measurement> {
    let Ok(source) = c.open(640, 480) else { return vec![] };
    let mut samples = Vec::new();
    let mut bytes = 0;
    for _ in 0..7 {
        let settings = PhotoSettings { image_width: Some(1920.0), image_height: Some(1080.0), ..Default::default() };
        let t = Instant::now();
        let r = c.call(|request| MediaCommand::TakePhoto {
            request,
            source,
            settings,
            check_settings: true,
            format,
            ended_error: MediaErrorKind::Unknown,
        });
        if let Ok(MediaReply::Photo(p)) = r {
            samples.push(ms(t.elapsed()));
            bytes = p.bytes.len();
        }
    }
    c.stop(source);
    let name = if format == PhotoFormat::Jpeg { "JPEG" } else { "PNG" };
    vec![
        Measurement::new(format!("takePhoto 1920x1080 {name}, end to end"), median(&mut samples), "ms")
            .with_note(format!("fake camera renders the still at 1080p, then encodes; {} KB", bytes / 1024)),
    ]
}

/// A camera-like 1080p RGBA picture (gradients and noise).
fn photo_like(w: u32, h: u32) -> VideoFrame {
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    let mut seed = 0x2545F491u32;
    for y in 0..h {
        for x in 0..w {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let n = (seed % 25) as i32 - 12;
            let v = |base: u32| (base as i32 + n).clamp(0, 255) as u8;
            data.extend_from_slice(&[v(x * 255 / w), v(y * 255 / h), v(((x + y) / 2) * 255 / w), 255]);
        }
    }
    crate::encode::rgba_frame(data, ImageSize::new(w, h))
}

fn encode_only() -> Vec<Measurement> {
    let frame = photo_like(1920, 1080);
    let mut encoder = crate::encode::Encoder::new(std::sync::Arc::new(crate::elements::GstElements));
    let mut out = Vec::new();
    for format in [PhotoFormat::Jpeg, PhotoFormat::Png] {
        let mut samples = Vec::new();
        for _ in 0..7 {
            let t = Instant::now();
            if encoder.encode(&frame, frame.size, format).is_ok() {
                samples.push(ms(t.elapsed()));
            }
        }
        let name = if format == PhotoFormat::Jpeg { "JPEG (GStreamer jpegenc, I420)" } else { "PNG (png, Fast)" };
        out.push(
            Measurement::new(format!("photo encode 1920x1080 {name}"), median(&mut samples), "ms")
                .with_note("photo-like content, median of 7"),
        );
    }
    let mut fallback =
        crate::encode::Encoder::new(std::sync::Arc::new(crate::elements::WithoutElements::new(&["jpegenc"])));
    let mut samples = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        if fallback.encode(&frame, frame.size, PhotoFormat::Jpeg).is_ok() {
            samples.push(ms(t.elapsed()));
        }
    }
    out.push(
        Measurement::new("photo encode 1920x1080 JPEG (jpeg-encoder fallback)", median(&mut samples), "ms")
            .with_note("median of 5"),
    );
    out
}

fn canvas_feed(c: &Client) -> Vec<Measurement> {
    let source = SourceId::next();
    let size = ImageSize::new(1280, 720);
    let created = c.call(|request| MediaCommand::CreateCanvasSource { request, source, size, frame_rate: None });
    if created.is_err() {
        return vec![];
    }
    let slot = FrameSlot::new();
    let s = slot.clone();
    let sink = SinkId::next();
    let _ = c.call(|request| MediaCommand::AttachSink { request, source, sink, slot: s });
    let mut samples = Vec::new();
    for i in 0..40u8 {
        let data = FrameBytes::new(vec![i; (size.width * size.height * 4) as usize]);
        let frame = VideoFrame {
            size,
            format: PixelFormat::Rgba8,
            stride: 1280 * 4,
            has_alpha: false,
            data: data.clone(),
            timestamp: Duration::ZERO,
            sequence: i as u64,
        };
        let t = Instant::now();
        let _ = c.media.sender().send(MediaCommand::PushFrame { source, frame });
        while slot.latest().is_none_or(|f| !f.data.ptr_eq(&data)) {
            if t.elapsed() > Duration::from_secs(1) {
                break;
            }
            std::thread::yield_now();
        }
        samples.push(ms(t.elapsed()));
    }
    let copies = c.copies_per_frame(source);
    c.stop(source);
    vec![
        Measurement::new("canvas push → <video> sink slot 1280x720", median(&mut samples), "ms")
            .with_note("median of 40"),
        Measurement::new("copies per canvas frame at the sink", copies, "copies/frame").with_note("pointer identity"),
    ]
}

/// MediaRecorder and media-file playback: recording a canvas at 30 fps with VP8 (640x480 and
/// 1920x1080: CPU per frame, real-time factor, frames kept, stop latency) and decoding the WPT
/// file `media/test-v-128k-320x240-24fps-8kfr.webm` (ms per frame).
pub fn run_recording(wpt_root: Option<&std::path::Path>) -> Vec<Measurement> {
    let mut out = Vec::new();
    let client = match Client::new() {
        Ok(c) => c,
        Err(e) => {
            log::error!("recording benchmarks skipped: {e}");
            return out;
        }
    };
    out.extend(record_canvas(&client, ImageSize::new(640, 480)));
    out.extend(record_canvas(&client, ImageSize::new(1920, 1080)));
    if let Some(root) = wpt_root {
        out.extend(decode_file(&root.join("media/test-v-128k-320x240-24fps-8kfr.webm")));
    }
    out
}

/// 30 distinct frames: a gradient with a square moving across it (so the encoder has work).
fn moving_frames(size: ImageSize) -> Vec<VideoFrame> {
    (0..30u32)
        .map(|i| {
            let (w, h) = (size.width as usize, size.height as usize);
            let mut data = vec![0u8; w * h * 4];
            let sq = (i as usize * w / 30, h / 3, w / 8);
            for y in 0..h {
                for x in 0..w {
                    let p = (y * w + x) * 4;
                    let inside = x >= sq.0 && x < sq.0 + sq.2 && y >= sq.1 && y < sq.1 + sq.2;
                    let v = if inside { [255, 255, 255] } else { [(x * 255 / w) as u8, (y * 255 / h) as u8, 90] };
                    data[p..p + 3].copy_from_slice(&v);
                    data[p + 3] = 255;
                }
            }
            VideoFrame {
                size,
                format: PixelFormat::Rgba8,
                stride: w * 4,
                has_alpha: false,
                data: FrameBytes::new(data),
                timestamp: Duration::ZERO,
                sequence: u64::from(i),
            }
        })
        .collect()
}

fn record_canvas(c: &Client, size: ImageSize) -> Vec<Measurement> {
    use media_traits::recorder::*;
    let source = SourceId::next();
    if c.call(|request| MediaCommand::CreateCanvasSource { request, source, size, frame_rate: None }).is_err() {
        return vec![];
    }
    let frames = moving_frames(size);
    let recorder = RecorderId::next();
    let config = RecorderConfig {
        format: choose_format(None, true, false).expect("the default format"),
        bitrates: Bitrates::choose(None, None, None),
        key_frames: KeyFrames::Auto,
        // One chunk: the whole recording comes with the answer to stop().
        timeslice: None,
        tracks: vec![RecordedTrack::Video { source, enabled: EnabledFlag::new(true) }],
    };
    if c.call(|request| MediaCommand::StartRecorder { request, recorder, config }).is_err() {
        return vec![];
    }
    const PUSHED: u32 = 90;
    let cpu0 = process_cpu_time();
    let start = Instant::now();
    for i in 0..PUSHED {
        let due = start + Duration::from_secs_f64(f64::from(i) / 30.0);
        std::thread::sleep(due.saturating_duration_since(Instant::now()));
        let _ = c.media.sender().send(MediaCommand::PushFrame { source, frame: frames[i as usize % 30].clone() });
    }
    let pushed_at = Instant::now();
    let stop = c.call(|request| MediaCommand::StopRecorder { request, recorder, discard: false });
    let stop_latency = ms(pushed_at.elapsed());
    let cpu = process_cpu_time().saturating_sub(cpu0);
    let bytes = match stop {
        Ok(MediaReply::RecorderData { data, .. }) => data,
        _ => Vec::new(),
    };
    c.stop(source);
    let kept = count_frames(&bytes);
    let cpu_per_frame = ms(cpu) / f64::from(PUSHED);
    let label = format!("{}x{}", size.width, size.height);
    vec![
        Measurement::new(format!("MediaRecorder VP8 {label} @30 fps: CPU per frame"), cpu_per_frame, "ms CPU/frame")
            .with_note("whole process (canvas feed, convert, encode, mux), 90 frames"),
        Measurement::new(format!("MediaRecorder VP8 {label} @30 fps: real-time factor"), 33.333 / cpu_per_frame, "x")
            .with_note("frame interval / CPU per frame: ≥ 1 keeps up on one core (vp8enc uses both)"),
        Measurement::new(format!("MediaRecorder VP8 {label}: frames recorded of 90 pushed"), kept as f64, "frames")
            .with_note(format!("{} bytes", bytes.len())),
        Measurement::new(format!("MediaRecorder VP8 {label}: stop() → last chunk"), stop_latency, "ms"),
    ]
}

/// Decodes `bytes` (a recording) and counts its video frames.
fn count_frames(bytes: &[u8]) -> usize {
    let path = std::env::temp_dir().join(format!("aperture-bench-{}.webm", std::process::id()));
    if std::fs::write(&path, bytes).is_err() {
        return 0;
    }
    let n = decode_frames(&path).map(|(n, _)| n).unwrap_or(0);
    let _ = std::fs::remove_file(&path);
    n
}

/// Decodes a file as fast as possible: (frames, wall time).
fn decode_frames(path: &std::path::Path) -> Option<(usize, Duration)> {
    let pipeline = gst::parse::launch(&format!(
        "filesrc location=\"{}\" ! decodebin ! videoconvert ! video/x-raw,format=RGBA ! appsink name=out sync=false",
        path.display()
    ))
    .ok()?
    .downcast::<gst::Pipeline>()
    .ok()?;
    let sink = pipeline.by_name("out")?.downcast::<gstreamer_app::AppSink>().ok()?;
    let t = Instant::now();
    pipeline.set_state(gst::State::Playing).ok()?;
    let mut n = 0;
    while sink.try_pull_sample(gst::ClockTime::from_seconds(5)).is_some() {
        n += 1;
    }
    let elapsed = t.elapsed();
    let _ = pipeline.set_state(gst::State::Null);
    Some((n, elapsed))
}

fn decode_file(path: &std::path::Path) -> Vec<Measurement> {
    let Some((frames, elapsed)) = decode_frames(path).filter(|(n, _)| *n > 0) else {
        log::warn!("{} could not be decoded", path.display());
        return vec![];
    };
    vec![
        Measurement::new(
            "playback decode test-v-128k-320x240-24fps-8kfr.webm",
            ms(elapsed) / frames as f64,
            "ms/frame",
        )
        .with_note(format!("{frames} frames, VP8 → RGBA, as fast as possible")),
    ]
}
