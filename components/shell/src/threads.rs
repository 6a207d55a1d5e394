//! Starting the canvas and media threads and wiring them to script.

use std::path::PathBuf;

use base::{SourceId, VideoFrame};
use canvas::{CompositorSink, FrameSink, NullCompositor, PngDumpCompositor};
use crossbeam_channel::Sender;
use media_traits::messages::MediaCommand;

/// How the host runs the threads.
#[derive(Clone, Debug, Default)]
pub struct ThreadOptions {
    pub camera: media::CameraChoice,
    /// `--dump-canvases DIR`: every canvas image update is written as PNG.
    pub dump_canvases: Option<PathBuf>,
}

/// The running threads; dropping this stops them (after script is done).
pub struct Threads {
    /// Held for its `Drop`, which ends the canvas thread.
    _canvas: canvas::CanvasThread,
    /// Held for its `Drop`, which ends the media thread.
    _media: Option<media::MediaThread>,
}

/// Captured canvas frames go straight to the media thread (never through script).
struct MediaFrameSink(Sender<MediaCommand>);

impl FrameSink for MediaFrameSink {
    fn push_frame(&self, source: SourceId, frame: VideoFrame) {
        if self.0.send(MediaCommand::PushFrame { source, frame }).is_err() {
            log::warn!("the media thread has exited; a canvas frame was dropped");
        }
    }
}

struct NoFrames;

impl FrameSink for NoFrames {
    fn push_frame(&self, _source: SourceId, _frame: VideoFrame) {}
}

/// Starts the threads. Call on the script thread (replies come back to it).
pub fn start(options: &ThreadOptions) -> Threads {
    let remote = script::script_thread::remote_task_sender();
    let media = match media::spawn(
        media::MediaOptions { camera: options.camera.clone(), ..Default::default() },
        Box::new(move |event| {
            let _ = remote.send(Box::new(move |cx| script::media_events::dispatch(cx, event)));
        }),
    ) {
        Ok(m) => Some(m),
        Err(e) => {
            eprintln!("aperture: the media thread could not start ({e:?}); camera and capture features will fail");
            None
        }
    };
    if let Some(m) = &media {
        script::threads::set_media_sender(m.sender());
    }
    let compositor: Box<dyn CompositorSink> = match &options.dump_canvases {
        Some(dir) => Box::new(PngDumpCompositor::new(dir.clone())),
        None => Box::new(NullCompositor::new()),
    };
    let frames: Box<dyn FrameSink> = match &media {
        Some(m) => Box::new(MediaFrameSink(m.sender())),
        None => Box::new(NoFrames),
    };
    let canvas = canvas::spawn(compositor, frames);
    script::threads::set_canvas_sender(canvas.sender());
    Threads { _canvas: canvas, _media: media }
}
