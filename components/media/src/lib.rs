//! The media thread: camera and canvas sources on servo-media/GStreamer (being built; see issue 5).
