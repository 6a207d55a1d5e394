//! Plain data shared by script and the canvas thread: the commands and
//! their replies ([`command`]), the drawing state script keeps ([`style`]),
//! paths ([`path`], [`flatten`]), text styles ([`text`]), CSS colours
//! ([`color`]), un-premultiplying ([`pixels`]) and the argument
//! rules of the 2D context that throw ([`error`], [`image_data`]).
//!
//! Nothing here rasterizes or runs JavaScript; every helper is a pure
//! function script can call before it sends anything.
//!
//! Typical use from script:
//! ```
//! use base::CanvasId;
//! use base::units::ImageSize;
//! use canvas_traits::color::{parse_canvas_color, serialize_canvas_color};
//! use canvas_traits::command::{CanvasBatch, CanvasCommand};
//! use canvas_traits::style::{DrawOptions, PaintStyle};
//!
//! let canvas = CanvasId::next();
//! let red = parse_canvas_color("rgb(255 0 0)", None).unwrap();
//! assert_eq!(serialize_canvas_color(red), "#ff0000");
//! let mut batch = CanvasBatch::new();
//! batch.push(CanvasCommand::Create { canvas, size: ImageSize::new(300, 150), opaque: false });
//! batch.push(CanvasCommand::FillRect {
//!     canvas,
//!     rect: euclid::default::Rect::new(euclid::point2(0.0, 0.0), euclid::size2(10.0, 10.0)),
//!     style: PaintStyle::Color(red),
//!     options: DrawOptions::default(),
//! });
//! assert_eq!(batch.commands.len(), 2);
//! ```

#![deny(missing_docs)]

pub mod color;
pub mod color4;
pub mod command;
pub mod css_math;
pub mod error;
pub mod filter;
pub mod flatten;
pub mod hit;
pub mod image_data;
pub mod path;
pub mod pixels;
pub mod style;
pub mod text;
