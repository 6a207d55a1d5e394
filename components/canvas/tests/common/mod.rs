//! A canvas thread with channel-backed sinks, and shorthands for commands.
#![allow(dead_code)]

use base::units::ImageSize;
use base::{CanvasId, SourceId, VideoFrame};
use canvas::{CanvasImageUpdate, CanvasThread, ChannelFrameSink, CompositorSink};
use canvas_traits::color::RgbaColor;
use canvas_traits::command::{CanvasBatch, CanvasCommand, UnknownCanvas};
use canvas_traits::path::Path;
use canvas_traits::style::{DrawOptions, FillRule, PaintStyle};
use crossbeam_channel::{Receiver, Sender, unbounded};
use euclid::default::{Point2D, Rect, Size2D, Transform2D};
use webrender_api::{IdNamespace, ImageKey};

/// Forwards image updates to a channel.
pub struct ChannelCompositor {
    updates: Sender<CanvasImageUpdate>,
    next_key: u32,
}

impl CompositorSink for ChannelCompositor {
    fn generate_image_key(&mut self) -> ImageKey {
        self.next_key += 1;
        ImageKey::new(IdNamespace(7), self.next_key)
    }

    fn update_image(&mut self, update: CanvasImageUpdate) {
        let _ = self.updates.send(update);
    }

    fn delete_image(&mut self, _key: ImageKey) {}
}

pub struct Harness {
    pub thread: CanvasThread,
    pub frames: Receiver<(SourceId, VideoFrame)>,
    pub updates: Receiver<CanvasImageUpdate>,
}

pub fn harness() -> Harness {
    let (frame_sender, frames) = unbounded();
    let (update_sender, updates) = unbounded();
    let compositor = ChannelCompositor { updates: update_sender, next_key: 0 };
    let thread = canvas::spawn(Box::new(compositor), Box::new(ChannelFrameSink(frame_sender)));
    Harness { thread, frames, updates }
}

impl Harness {
    pub fn send(&self, commands: Vec<CanvasCommand>) {
        self.thread.sender().send_batch(CanvasBatch { commands }).unwrap();
    }

    pub fn create(&self, width: u32, height: u32) -> CanvasId {
        let canvas = CanvasId::next();
        self.send(vec![CanvasCommand::Create { canvas, size: ImageSize::new(width, height), opaque: false }]);
        canvas
    }

    pub fn try_read(&self, canvas: CanvasId, x: i64, y: i64, w: i64, h: i64) -> Result<Vec<u8>, UnknownCanvas> {
        let (reply, receive) = unbounded();
        let rect = Rect::new(Point2D::new(x, y), Size2D::new(w, h));
        self.send(vec![CanvasCommand::GetImageData { canvas, rect, reply }]);
        receive.recv().unwrap()
    }

    pub fn read(&self, canvas: CanvasId, x: i64, y: i64, w: i64, h: i64) -> Vec<u8> {
        self.try_read(canvas, x, y, w, h).unwrap()
    }

    pub fn pixel(&self, canvas: CanvasId, x: i64, y: i64) -> [u8; 4] {
        let px = self.read(canvas, x, y, 1, 1);
        [px[0], px[1], px[2], px[3]]
    }
}

pub fn rgba(r: u8, g: u8, b: u8, a: u8) -> RgbaColor {
    RgbaColor::new(r, g, b, a)
}

pub fn rect(x: f32, y: f32, w: f32, h: f32) -> Rect<f32> {
    Rect::new(Point2D::new(x, y), Size2D::new(w, h))
}

pub fn fill_rect_with(canvas: CanvasId, r: Rect<f32>, style: PaintStyle, options: DrawOptions) -> CanvasCommand {
    CanvasCommand::FillRect { canvas, rect: r, style, options }
}

pub fn fill_rect(canvas: CanvasId, x: f32, y: f32, w: f32, h: f32, color: RgbaColor) -> CanvasCommand {
    fill_rect_with(canvas, rect(x, y, w, h), PaintStyle::Color(color), DrawOptions::default())
}

pub fn fill_path(canvas: CanvasId, path: Path, color: RgbaColor, options: DrawOptions) -> CanvasCommand {
    CanvasCommand::FillPath {
        canvas,
        path,
        path_transform: options.transform,
        fill_rule: FillRule::NonZero,
        style: PaintStyle::Color(color),
        options,
    }
}

pub fn identity() -> Transform2D<f32> {
    Transform2D::identity()
}

/// Asserts that two pixels differ by at most `tolerance` per channel.
#[track_caller]
pub fn assert_close(actual: [u8; 4], expected: [u8; 4], tolerance: u8, what: &str) {
    let ok = actual.iter().zip(expected).all(|(a, e)| a.abs_diff(e) <= tolerance);
    assert!(ok, "{what}: got {actual:?}, expected {expected:?} (±{tolerance})");
}
