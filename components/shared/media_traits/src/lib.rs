//! Plain-data messages and models shared by script and the Media thread.
//!
//! No GStreamer or JavaScript types appear here. The modules are:
//! [`canvas`] (the model of a canvas capture source), [`constraints`] (the constraint dictionaries), [`select`] (SelectSettings
//! and fitness distance), [`settings`] (getSettings/getCapabilities/
//! getConstraints content), [`photo`] (the ImageCapture photo model and its
//! validation), [`messages`] (commands and events), [`slot`] (the shared
//! latest-frame slot) and [`error`] (`MediaError`).

#![warn(missing_docs)]

pub mod biquad;
pub mod canvas;
pub mod codecs;
pub mod constraints;
pub mod error;
pub mod iir;
pub mod messages;
pub mod photo;
pub mod playback;
pub mod recorder;
pub mod select;
pub mod settings;
pub mod slot;
pub mod webaudio;

#[cfg(test)]
mod select_tests;
