//! Where canvas pixels leave the canvas thread: the compositor (images at
//! rendering updates, described with `webrender_api` types) and the media
//! side (captured frames for `captureStream()`). Both are trait objects the
//! host supplies, so this crate depends on neither.

use std::path::PathBuf;

use base::units::ImageSize;
use base::{CanvasId, Epoch, FrameBytes, SourceId, VideoFrame};
use webrender_api::{IdNamespace, ImageDescriptor, ImageDescriptorFlags, ImageFormat, ImageKey};

use crate::readback;

/// A canvas's image at a rendering update.
#[derive(Clone, Debug)]
pub struct CanvasImageUpdate {
    /// The canvas.
    pub canvas: CanvasId,
    /// The compositor image the canvas displays as.
    pub key: ImageKey,
    /// Size and format: premultiplied `RGBA8`, tightly packed, flagged
    /// `IS_OPAQUE` for `{ alpha: false }` canvases.
    pub descriptor: ImageDescriptor,
    /// The pixels, shared with the canvas thread (no copy was made; the
    /// canvas copies on its next write if this is still held).
    pub pixels: FrameBytes,
    /// The rendering update this image belongs to.
    pub epoch: Epoch,
}

impl CanvasImageUpdate {
    /// The image size in pixels.
    pub fn size(&self) -> ImageSize {
        ImageSize::new(self.descriptor.size.width.max(0) as u32, self.descriptor.size.height.max(0) as u32)
    }
}

/// The compositor, as the canvas thread sees it.
pub trait CompositorSink: Send {
    /// A new, unique key for a canvas's image (called when a canvas is created).
    fn generate_image_key(&mut self) -> ImageKey;
    /// A canvas's image changed at a rendering update.
    fn update_image(&mut self, update: CanvasImageUpdate);
    /// A canvas was destroyed; its image can go.
    fn delete_image(&mut self, key: ImageKey);
}

/// Builds the descriptor of a canvas image.
pub(crate) fn canvas_descriptor(size: ImageSize, opaque: bool) -> ImageDescriptor {
    let flags = if opaque { ImageDescriptorFlags::IS_OPAQUE } else { ImageDescriptorFlags::empty() };
    ImageDescriptor::new(size.width as i32, size.height as i32, ImageFormat::RGBA8, flags)
}

/// Hands out image keys in one namespace, counting from 1.
#[derive(Debug)]
struct KeyAllocator {
    namespace: IdNamespace,
    next: u32,
}

impl KeyAllocator {
    fn next(&mut self) -> ImageKey {
        self.next += 1;
        ImageKey::new(self.namespace, self.next)
    }
}

/// A compositor that drops every image (for hosts that show nothing).
#[derive(Debug)]
pub struct NullCompositor {
    keys: KeyAllocator,
}

impl NullCompositor {
    /// A compositor allocating keys in namespace 1.
    pub fn new() -> NullCompositor {
        NullCompositor { keys: KeyAllocator { namespace: IdNamespace(1), next: 0 } }
    }
}

impl Default for NullCompositor {
    fn default() -> NullCompositor {
        NullCompositor::new()
    }
}

impl CompositorSink for NullCompositor {
    fn generate_image_key(&mut self) -> ImageKey {
        self.keys.next()
    }

    fn update_image(&mut self, _update: CanvasImageUpdate) {}

    fn delete_image(&mut self, _key: ImageKey) {}
}

/// A compositor that writes every canvas image it receives to
/// `<dir>/canvas-<id>-<epoch>.png` (the host's `--dump-canvases DIR`).
/// Failures are logged, never fatal.
#[derive(Debug)]
pub struct PngDumpCompositor {
    dir: PathBuf,
    keys: KeyAllocator,
}

impl PngDumpCompositor {
    /// Dumps into `dir`, which is created if missing.
    pub fn new(dir: impl Into<PathBuf>) -> PngDumpCompositor {
        PngDumpCompositor { dir: dir.into(), keys: KeyAllocator { namespace: IdNamespace(1), next: 0 } }
    }

    /// The file an update is written to.
    pub fn file_name(canvas: CanvasId, epoch: Epoch) -> String {
        format!("canvas-{}-{}.png", canvas.0, epoch.0)
    }

    fn write(&self, update: &CanvasImageUpdate) -> Result<PathBuf, String> {
        std::fs::create_dir_all(&self.dir).map_err(|e| e.to_string())?;
        let opaque = update.descriptor.flags.contains(ImageDescriptorFlags::IS_OPAQUE);
        let rgba = readback::read_all(update.pixels.as_slice(), opaque);
        let png = readback::encode_png(&rgba, update.size()).map_err(|e| format!("{e:?}"))?;
        let path = self.dir.join(Self::file_name(update.canvas, update.epoch));
        std::fs::write(&path, png).map_err(|e| e.to_string())?;
        Ok(path)
    }
}

impl CompositorSink for PngDumpCompositor {
    fn generate_image_key(&mut self) -> ImageKey {
        self.keys.next()
    }

    fn update_image(&mut self, update: CanvasImageUpdate) {
        match self.write(&update) {
            Ok(path) => log::debug!("dumped {} to {}", update.canvas, path.display()),
            Err(error) => log::warn!("could not dump {}: {error}", update.canvas),
        }
    }

    fn delete_image(&mut self, _key: ImageKey) {}
}

/// The media side, as the canvas thread sees it: receives the frames
/// captured for `CanvasCaptureMediaStreamTrack` sources.
pub trait FrameSink: Send {
    /// A new frame for `source` (RGBA, un-premultiplied, shared memory).
    fn push_frame(&self, source: SourceId, frame: VideoFrame);
}

/// A frame sink that drops every frame.
#[derive(Debug, Default)]
pub struct NullFrameSink;

impl FrameSink for NullFrameSink {
    fn push_frame(&self, _source: SourceId, _frame: VideoFrame) {}
}

/// A frame sink that forwards frames to a channel (tests, simple hosts).
#[derive(Debug)]
pub struct ChannelFrameSink(pub crossbeam_channel::Sender<(SourceId, VideoFrame)>);

impl FrameSink for ChannelFrameSink {
    fn push_frame(&self, source: SourceId, frame: VideoFrame) {
        if self.0.send((source, frame)).is_err() {
            log::debug!("frame for {source} dropped: receiver gone");
        }
    }
}
