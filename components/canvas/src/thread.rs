//! The canvas thread: one named thread that owns every canvas's bitmap,
//! runs the command batches script sends, hands images to the compositor
//! and captured frames to the media side.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base::{CanvasId, FrameBytes, PixelFormat, SourceId, VideoFrame, WeakFrameBytes};
use canvas_traits::command::{
    CanvasBatch, CanvasCommand, CanvasMsg, CanvasSender, CanvasThreadStats, EncodeError, EncodedImage, ImageSource,
    UnknownCanvas,
};
use canvas_traits::image_data::MAX_IMAGE_DATA_BYTES;
use crossbeam_channel::{Receiver, select, unbounded};

use crate::draw_target::DrawTarget;
use crate::fonts::FontRegistry;
use crate::paint::SourcePixmap;
use crate::sinks::{CanvasImageUpdate, CompositorSink, FrameSink, canvas_descriptor};
use crate::{readback, text};

/// Counters the canvas thread keeps about frame capture, readable from
/// any thread (tests assert on them; benchmarks report them).
#[derive(Debug, Default)]
pub struct CaptureStats {
    frames: AtomicU64,
    copies: AtomicU64,
}

impl CaptureStats {
    /// Frames handed to the frame sink so far.
    pub fn frames(&self) -> u64 {
        self.frames.load(Ordering::Relaxed)
    }

    /// Full-frame pixel copies made for captured frames so far. With one
    /// capture per canvas per batch this equals [`CaptureStats::frames`];
    /// several sources capturing the same unchanged canvas share one copy.
    pub fn copies(&self) -> u64 {
        self.copies.load(Ordering::Relaxed)
    }
}

/// The handle the host keeps: the sender script uses, the counters, and
/// the thread to join.
pub struct CanvasThread {
    sender: CanvasSender,
    raw_sender: crossbeam_channel::Sender<CanvasMsg>,
    stats: Arc<CaptureStats>,
    join: Option<JoinHandle<()>>,
}

impl CanvasThread {
    /// A sender for script (cheap to clone).
    pub fn sender(&self) -> CanvasSender {
        self.sender.clone()
    }

    /// The capture counters.
    pub fn stats(&self) -> &CaptureStats {
        &self.stats
    }

    /// Asks the thread to exit after the messages already queued, and waits.
    pub fn exit(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let _ = self.raw_sender.send(CanvasMsg::Exit);
        if let Some(join) = self.join.take()
            && join.join().is_err()
        {
            log::error!("the canvas thread panicked");
        }
    }
}

impl Drop for CanvasThread {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Starts the canvas thread (named `"Canvas"`).
pub fn spawn(compositor: Box<dyn CompositorSink>, frames: Box<dyn FrameSink>) -> CanvasThread {
    let (raw_sender, receiver) = unbounded();
    let stats = Arc::new(CaptureStats::default());
    let thread_stats = stats.clone();
    let join = std::thread::Builder::new()
        .name("Canvas".into())
        .spawn(move || {
            let mut thread = CanvasPaintThread {
                canvases: HashMap::new(),
                compositor,
                frames,
                clocks: HashMap::new(),
                stats: thread_stats,
                fonts: FontRegistry::default(),
                premultiplied: Vec::new(),
            };
            thread.run(receiver);
        })
        .expect("the OS could not start the canvas thread");
    CanvasThread { sender: CanvasSender::new(raw_sender.clone()), raw_sender, stats, join: Some(join) }
}

/// Per-source frame timing: timestamps count from the source's first
/// frame and never go backwards; sequence numbers start at 0.
#[derive(Default)]
struct CaptureClock {
    first: Option<Instant>,
    last: Duration,
    next_sequence: u64,
}

impl CaptureClock {
    fn tick(&mut self) -> (Duration, u64) {
        let now = Instant::now();
        let first = *self.first.get_or_insert(now);
        let timestamp = now.duration_since(first).max(self.last);
        self.last = timestamp;
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        (timestamp, sequence)
    }
}

/// Readbacks made during the current batch, by canvas, with the bitmap
/// generation they show; a second capture of an unchanged canvas reuses it.
type BatchReadbacks = HashMap<CanvasId, (u64, FrameBytes)>;

struct CanvasPaintThread {
    canvases: HashMap<CanvasId, DrawTarget>,
    compositor: Box<dyn CompositorSink>,
    frames: Box<dyn FrameSink>,
    clocks: HashMap<SourceId, CaptureClock>,
    stats: Arc<CaptureStats>,
    /// Web fonts by key, system fonts, the bundled face (`fonts.rs`).
    fonts: FontRegistry,
    /// Premultiplied copies of the images drawn last (`drawImage()` of an image or bitmap
    /// whose pixels are not premultiplied RGBA): drawing the same image again, as an animation
    /// does every frame, reuses the copy instead of converting the pixels again.
    premultiplied: Vec<(WeakFrameBytes, Arc<Vec<u8>>)>,
}

/// How many converted images [`CanvasPaintThread::premultiplied`] keeps.
const PREMULTIPLIED_IMAGES: usize = 4;

impl CanvasPaintThread {
    fn run(&mut self, receiver: Receiver<CanvasMsg>) {
        'event_loop: loop {
            select! {
                recv(receiver) -> message => match message {
                    Ok(CanvasMsg::Batch(batch)) => self.handle_batch(batch),
                    Ok(CanvasMsg::Exit) => break 'event_loop,
                    Err(_) => {
                        log::debug!("every canvas sender is gone; the canvas thread exits");
                        break 'event_loop;
                    },
                },
            }
        }
    }

    fn handle_batch(&mut self, batch: CanvasBatch) {
        let mut readbacks = BatchReadbacks::new();
        for command in batch.commands {
            let outcome = catch_unwind(AssertUnwindSafe(|| self.handle_command(command, &mut readbacks)));
            if outcome.is_err() {
                // One bad command must not take the thread (and every canvas) down.
                log::error!("a canvas command panicked; it was skipped");
            }
        }
    }

    fn target(&mut self, canvas: CanvasId, what: &str) -> Option<&mut DrawTarget> {
        let target = self.canvases.get_mut(&canvas);
        if target.is_none() {
            log::warn!("{what} for unknown {canvas}: dropped");
        }
        target
    }

    fn handle_command(&mut self, command: CanvasCommand, readbacks: &mut BatchReadbacks) {
        match command {
            CanvasCommand::Create { canvas, size, opaque } => {
                let key = self.compositor.generate_image_key();
                if let Some(old) = self.canvases.insert(canvas, DrawTarget::new(size, opaque, key)) {
                    log::warn!("{canvas} created twice; the old bitmap was replaced");
                    self.compositor.delete_image(old.image_key);
                }
            }
            CanvasCommand::Resize { canvas, size } => {
                if let Some(target) = self.target(canvas, "Resize") {
                    target.resize(size);
                }
            }
            CanvasCommand::ReplaceBitmap { canvas } => {
                if let Some(target) = self.target(canvas, "ReplaceBitmap") {
                    target.replace_bitmap();
                }
            }
            CanvasCommand::SetBitmap { canvas, pixels, size } => {
                if let Some(target) = self.target(canvas, "SetBitmap") {
                    target.set_bitmap(pixels.as_ref(), size);
                }
            }
            CanvasCommand::Present { from, to } => {
                let Some(source) = self.canvases.get(&from).map(DrawTarget::share) else {
                    log::warn!("Present from unknown {from}: dropped");
                    return;
                };
                if let Some(target) = self.target(to, "Present") {
                    target.show(source);
                }
            }
            CanvasCommand::WebGLFrame { canvas, frame } => {
                if let Some(target) = self.target(canvas, "WebGLFrame") {
                    target.show_frame(frame);
                }
            }
            CanvasCommand::Destroy { canvas } => match self.canvases.remove(&canvas) {
                Some(target) => self.compositor.delete_image(target.image_key),
                None => log::warn!("Destroy for unknown {canvas}: dropped"),
            },
            CanvasCommand::FillRect { canvas, rect, style, options } => {
                if let Some(target) = self.target(canvas, "FillRect") {
                    target.fill_rect(&rect, &style, &options);
                }
            }
            CanvasCommand::StrokeRect { canvas, rect, style, line, options } => {
                if let Some(target) = self.target(canvas, "StrokeRect") {
                    target.stroke_rect(&rect, &style, &line, &options);
                }
            }
            CanvasCommand::ClearRect { canvas, rect, transform } => {
                if let Some(target) = self.target(canvas, "ClearRect") {
                    target.clear_rect(&rect, &transform);
                }
            }
            CanvasCommand::FillPath { canvas, path, path_transform, fill_rule, style, options } => {
                if let Some(target) = self.target(canvas, "FillPath") {
                    target.fill_path(&path, &path_transform, fill_rule, &style, &options);
                }
            }
            CanvasCommand::StrokePath { canvas, path, path_transform, style, line, options } => {
                if let Some(target) = self.target(canvas, "StrokePath") {
                    target.stroke_path(&path, &path_transform, &style, &line, &options);
                }
            }
            CanvasCommand::ClipPath { canvas, path, path_transform, fill_rule } => {
                if let Some(target) = self.target(canvas, "ClipPath") {
                    target.clip_path(&path, &path_transform, fill_rule);
                }
            }
            CanvasCommand::SaveClip { canvas } => {
                if let Some(target) = self.target(canvas, "SaveClip") {
                    target.save_clip();
                }
            }
            CanvasCommand::RestoreClip { canvas } => {
                if let Some(target) = self.target(canvas, "RestoreClip") {
                    target.restore_clip();
                }
            }
            CanvasCommand::DrawImage { canvas, source, rects, options } => {
                self.draw_image(canvas, source, &rects, &options);
            }
            CanvasCommand::FillText { canvas, text, x, y, max_width, text_options, style, options } => {
                let path = text::text_path(&mut self.fonts, &text, x, y, max_width, &text_options);
                let Some(target) = self.target(canvas, "FillText") else {
                    return;
                };
                if let Some(path) = path {
                    target.fill_user_path(&path, &style, &options);
                }
            }
            CanvasCommand::StrokeText { canvas, text, x, y, max_width, text_options, style, line, options } => {
                let path = text::text_path(&mut self.fonts, &text, x, y, max_width, &text_options);
                let Some(target) = self.target(canvas, "StrokeText") else {
                    return;
                };
                if let Some(path) = path {
                    target.stroke_user_path(&path, &style, &line, &options);
                }
            }
            CanvasCommand::AddFont { key, data } => self.fonts.add(key, data),
            CanvasCommand::RemoveFont { key } => self.fonts.remove(key),
            CanvasCommand::MeasureWidths { runs, reply } => {
                let widths = text::advance_widths(&mut self.fonts, &runs);
                if reply.send(widths).is_err() {
                    log::debug!("text widths reply dropped: script stopped waiting");
                }
            }
            CanvasCommand::MeasureText { text, text_options, reply } => {
                if reply.send(text::measure(&mut self.fonts, &text, &text_options)).is_err() {
                    log::debug!("measureText reply dropped: script stopped waiting");
                }
            }
            CanvasCommand::PutImageData { canvas, data, destination, dirty } => {
                if let Some(target) = self.target(canvas, "PutImageData") {
                    target.put_image_data(&data, destination, dirty);
                }
            }
            CanvasCommand::GetImageData { canvas, rect, reply } => {
                let bytes = rect.size.width.max(0) as u64 * rect.size.height.max(0) as u64 * 4;
                if bytes > MAX_IMAGE_DATA_BYTES {
                    // Script checks this (get_image_data_rect); never allocate it here.
                    log::warn!("GetImageData of {bytes} bytes refused");
                    return;
                }
                let result = match self.target(canvas, "GetImageData") {
                    Some(target) => Ok(target.read_rgba(&rect)),
                    None => Err(UnknownCanvas(canvas)),
                };
                if reply.send(result).is_err() {
                    log::debug!("getImageData reply for {canvas} dropped: script stopped waiting");
                }
            }
            CanvasCommand::Snapshot { canvas, reply } => {
                let result = match self.target(canvas, "Snapshot") {
                    Some(target) => Ok(target.snapshot()),
                    None => Err(UnknownCanvas(canvas)),
                };
                if reply.send(result).is_err() {
                    log::debug!("snapshot of {canvas} dropped: receiver gone");
                }
            }
            CanvasCommand::Encode { canvas, request, encoding, reply } => {
                let result = match self.target(canvas, "Encode") {
                    Some(target) => readback::encode(target.pixels(), target.size(), target.is_opaque(), encoding),
                    None => Err(EncodeError::UnknownCanvas(canvas)),
                };
                if reply.send(EncodedImage { request, result }).is_err() {
                    log::debug!("encoded image for {canvas} dropped: receiver gone");
                }
            }
            CanvasCommand::UpdateImage { canvas, epoch } => {
                let Some(target) = self.target(canvas, "UpdateImage") else {
                    return;
                };
                let Some(pixels) = target.shared_pixels() else {
                    log::debug!("{canvas} has no pixels; no image update");
                    return;
                };
                let update = CanvasImageUpdate {
                    canvas,
                    key: target.image_key,
                    descriptor: canvas_descriptor(target.size(), target.is_opaque()),
                    pixels,
                    epoch,
                };
                self.compositor.update_image(update);
            }
            CanvasCommand::CaptureFrame { canvas, source } => self.capture_frame(canvas, source, readbacks),
            CanvasCommand::EndCapture { source } => {
                self.clocks.remove(&source);
            }
            CanvasCommand::Stats { reply } => {
                let stats = CanvasThreadStats {
                    canvases: self.canvases.len(),
                    capture_clocks: self.clocks.len(),
                    web_fonts: self.fonts.web_font_count(),
                };
                if reply.send(stats).is_err() {
                    log::debug!("canvas thread stats dropped: receiver gone");
                }
            }
        }
    }

    /// Draws another canvas (read here, on the canvas thread) or shared
    /// image pixels onto `canvas`.
    fn draw_image(
        &mut self,
        canvas: CanvasId,
        source: ImageSource,
        rects: &canvas_traits::command::DrawImageRects,
        options: &canvas_traits::style::DrawOptions,
    ) {
        let pixels = match source {
            ImageSource::Pixels { pixels } => pixels,
            ImageSource::Canvas { canvas: source_canvas } => {
                let Some(source) = self.canvases.get(&source_canvas) else {
                    log::warn!("DrawImage from unknown {source_canvas}: dropped");
                    return;
                };
                // Sharing the bitmap costs nothing; drawing a canvas onto
                // itself makes the write below copy it first.
                let Some(snapshot) = source.snapshot() else { return };
                snapshot
            }
        };
        // A converted copy made for an earlier draw of the same pixels, or a new one kept.
        self.premultiplied.retain(|(source, _)| !source.is_gone());
        let cached = self.premultiplied.iter().find(|(source, _)| source.is(&pixels.data)).map(|(_, c)| c.clone());
        let converted;
        let image = match cached {
            Some(copy) => {
                converted = copy;
                SourcePixmap::borrowed(&converted, pixels.size.width, pixels.size.height)
            }
            None => {
                let Some(image) = SourcePixmap::from_image(&pixels) else {
                    log::debug!("DrawImage with empty or malformed pixels: nothing drawn");
                    return;
                };
                if image.is_owned() {
                    let copy = Arc::new(image.into_data());
                    if self.premultiplied.len() == PREMULTIPLIED_IMAGES {
                        self.premultiplied.remove(0);
                    }
                    self.premultiplied.push((pixels.data.downgrade(), copy.clone()));
                    converted = copy;
                    SourcePixmap::borrowed(&converted, pixels.size.width, pixels.size.height)
                } else {
                    image
                }
            }
        };
        if let Some(target) = self.target(canvas, "DrawImage") {
            target.draw_image(&image, rects, options);
        }
    }

    /// Reads the canvas back once into a `VideoFrame` (un-premultiplied
    /// RGBA, one pass) and gives it to the frame sink. A canvas showing a WebGL frame gives
    /// that frame's pixels as they are (no copy).
    fn capture_frame(&mut self, canvas: CanvasId, source: SourceId, readbacks: &mut BatchReadbacks) {
        let Some(target) = self.canvases.get(&canvas) else {
            log::warn!("CaptureFrame for unknown {canvas}: dropped");
            return;
        };
        if let Some(shown) = target.frame() {
            let (timestamp, sequence) = self.clocks.entry(source).or_default().tick();
            let frame = VideoFrame { timestamp, sequence, ..shown.clone() };
            self.stats.frames.fetch_add(1, Ordering::Relaxed);
            self.frames.push_frame(source, frame);
            return;
        }
        let Some(pixels) = target.pixels() else {
            log::debug!("{canvas} has no pixels; no frame for {source}");
            return;
        };
        let generation = target.generation();
        let data = match readbacks.get(&canvas) {
            Some((seen, data)) if *seen == generation => data.clone(),
            _ => {
                let data = FrameBytes::new(readback::read_all(pixels, target.is_opaque()));
                self.stats.copies.fetch_add(1, Ordering::Relaxed);
                readbacks.insert(canvas, (generation, data.clone()));
                data
            }
        };
        let (timestamp, sequence) = self.clocks.entry(source).or_default().tick();
        let size = target.size();
        let frame = VideoFrame {
            size,
            format: PixelFormat::Rgba8,
            stride: size.width as usize * 4,
            has_alpha: !target.is_opaque(),
            data,
            timestamp,
            sequence,
        };
        self.stats.frames.fetch_add(1, Ordering::Relaxed);
        self.frames.push_frame(source, frame);
    }
}
