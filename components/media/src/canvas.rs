//! canvas.captureStream() sources: a servo-media stream created with
//! `create_stream_and_socket(Video)`, fed by Aperture's own
//! `appsrc ! proxysink` producer pipeline. Pushed pixels are wrapped, never
//! copied (`gst::Buffer::from_slice` over the frame's shared bytes).

use base::units::ImageSize;
use base::{FrameBytes, PixelFormat, VideoFrame};
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use media_traits::error::MediaError;
use servo_media::ServoMedia;
use servo_media_gstreamer::media_stream::GstreamerMediaSocket;
use servo_media_streams::MediaStreamType;
use servo_media_streams::registry::MediaStreamId;

use crate::elements::ElementMaker;

/// Lets GStreamer borrow a frame's shared bytes.
struct SharedBytes(FrameBytes);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

/// The producer half of a canvas source.
pub struct CanvasFeed {
    /// The servo-media stream consumers tap.
    pub stream: MediaStreamId,
    producer: gst::Pipeline,
    appsrc: gst_app::AppSrc,
    caps: Option<(ImageSize, PixelFormat)>,
}

impl CanvasFeed {
    /// Creates the stream and the producer pipeline.
    pub fn new(maker: &dyn ElementMaker) -> Result<CanvasFeed, MediaError> {
        // servo-media unwraps these internally; check first so a missing
        // plugin is an error, not a panic.
        maker.require(&["proxysink", "proxysrc", "videoconvert", "queue", "appsrc"])?;
        let (socket, stream) = ServoMedia::get().create_stream_and_socket(MediaStreamType::Video);
        let proxysink = socket
            .as_any()
            .downcast_ref::<GstreamerMediaSocket>()
            .ok_or_else(|| MediaError::NotSupported("servo-media socket is not a GStreamer socket".into()))?
            .proxy_sink()
            .clone();
        let appsrc = gst_app::AppSrc::builder()
            .format(gst::Format::Time)
            .is_live(true)
            .do_timestamp(true)
            .stream_type(gst_app::AppStreamType::Stream)
            .build();
        let producer = gst::Pipeline::new();
        let fail = |e: glib::BoolError| MediaError::NotReadable(format!("canvas feed: {e}"));
        producer.add_many([appsrc.upcast_ref(), &proxysink]).map_err(fail)?;
        appsrc.link(&proxysink).map_err(fail)?;
        producer
            .set_state(gst::State::Playing)
            .map_err(|_| MediaError::NotReadable("canvas feed pipeline could not start".into()))?;
        Ok(CanvasFeed { stream, producer, appsrc, caps: None })
    }

    /// Pushes one frame; the caps follow size and format changes.
    pub fn push(&mut self, frame: &VideoFrame) -> Result<(), MediaError> {
        let (buffer, caps) = frame_buffer(frame)?;
        let key = (frame.size, frame.format);
        if self.caps != Some(key) {
            self.appsrc.set_caps(Some(&caps));
            self.caps = Some(key);
        }
        self.appsrc.push_buffer(buffer).map(|_| ()).map_err(|e| MediaError::Unknown(format!("canvas push: {e:?}")))
    }
}

/// A GStreamer buffer over `frame`'s shared bytes (no copy; a video meta carries a padded
/// stride) and the caps that describe it.
pub(crate) fn frame_buffer(frame: &VideoFrame) -> Result<(gst::Buffer, gst::Caps), MediaError> {
    let format = match frame.format {
        PixelFormat::Rgba8 => gstreamer_video::VideoFormat::Rgba,
        PixelFormat::Bgra8 => gstreamer_video::VideoFormat::Bgra,
    };
    let caps = gstreamer_video::VideoCapsBuilder::new()
        .format(format)
        .width(frame.size.width as i32)
        .height(frame.size.height as i32)
        .framerate(gst::Fraction::new(0, 1))
        .build();
    let mut buffer = gst::Buffer::from_slice(SharedBytes(frame.data.clone()));
    let tight = frame.size.width as usize * 4;
    if frame.stride != tight {
        let b = buffer.get_mut().expect("fresh buffer");
        gstreamer_video::VideoMeta::add_full(
            b,
            gstreamer_video::VideoFrameFlags::empty(),
            format,
            frame.size.width,
            frame.size.height,
            &[0],
            &[frame.stride as i32],
        )
        .map_err(|e| MediaError::Unknown(e.to_string()))?;
    }
    Ok((buffer, caps))
}

impl Drop for CanvasFeed {
    fn drop(&mut self) {
        let _ = self.producer.set_state(gst::State::Null);
    }
}
