//! The canvas thread: draw targets, 2D rasterization, frame capture (being built; see issue 6).
