//! Injectable GStreamer element creation, so a missing plugin is a clear
//! `MediaError` instead of a panic, and tests can simulate one.

use std::collections::HashSet;

use gstreamer as gst;
use media_traits::error::MediaError;

/// Creates GStreamer elements by factory name.
pub trait ElementMaker: Send + Sync {
    /// Whether the factory exists.
    fn available(&self, factory: &str) -> bool;

    /// Makes an element, or explains which plugin is missing.
    fn make(&self, factory: &str) -> Result<gst::Element, MediaError> {
        if !self.available(factory) {
            return Err(missing(factory));
        }
        gst::ElementFactory::make(factory)
            .build()
            .map_err(|e| MediaError::NotReadable(format!("could not create GStreamer element '{factory}': {e}")))
    }

    /// Fails on the first factory of `factories` that is missing.
    fn require(&self, factories: &[&str]) -> Result<(), MediaError> {
        match factories.iter().find(|f| !self.available(f)) {
            Some(f) => Err(missing(f)),
            None => Ok(()),
        }
    }
}

fn missing(factory: &str) -> MediaError {
    let package = match factory {
        "proxysink" | "proxysrc" => "gst-plugins-bad",
        "jpegenc" | "jpegdec" | "videoflip" => "gst-plugins-good",
        "tee" | "queue" | "valve" | "capsfilter" => "GStreamer core",
        _ => "gst-plugins-base",
    };
    MediaError::NotSupported(format!("GStreamer element '{factory}' is missing (install {package})"))
}

/// The real registry.
#[derive(Debug, Default)]
pub struct GstElements;

impl ElementMaker for GstElements {
    fn available(&self, factory: &str) -> bool {
        gst::ElementFactory::find(factory).is_some()
    }
}

/// The real registry minus some factories (tests: "plugin not installed").
#[derive(Debug, Default)]
pub struct WithoutElements(pub HashSet<String>);

impl WithoutElements {
    /// Pretends `factories` are not installed.
    pub fn new(factories: &[&str]) -> WithoutElements {
        WithoutElements(factories.iter().map(|s| s.to_string()).collect())
    }
}

impl ElementMaker for WithoutElements {
    fn available(&self, factory: &str) -> bool {
        !self.0.contains(factory) && gst::ElementFactory::find(factory).is_some()
    }
}
