//! A chain of GStreamer elements between two pads of our own, driven from the calling thread:
//! pushing a buffer runs every element and returns once the chain's end has received what that
//! buffer gives.

use std::sync::{Arc, Mutex, PoisonError};

use gstreamer as gst;
use gstreamer::prelude::*;

/// What the chain's end received while a push ran.
#[derive(Default)]
pub struct Collected {
    /// Buffers, in order.
    pub buffers: Vec<gst::Buffer>,
    /// The latest caps.
    pub caps: Option<gst::Caps>,
    /// End-of-stream came through.
    pub eos: bool,
}

/// The elements and our two pads.
pub struct Chain {
    pipeline: gst::Pipeline,
    src: gst::Pad,
    sink: gst::Pad,
    collected: Arc<Mutex<Collected>>,
    input: Arc<Mutex<Option<gst::Caps>>>,
    started: bool,
}

/// Makes an element, or says which is missing.
pub fn make(factory: &str) -> Result<gst::Element, String> {
    gst::ElementFactory::make(factory)
        .build()
        .map_err(|_| format!("the GStreamer element '{factory}' is not installed"))
}

/// Sets a property from its string form if the element has it (plugins differ by version).
pub fn set(element: &gst::Element, name: &str, value: &str) {
    let Some(pspec) = element.find_property(name) else {
        log::debug!("{} has no property {name}", element.name());
        return;
    };
    match gst::glib::Value::deserialize(value, pspec.value_type()) {
        Ok(v) => element.set_property_from_value(name, &v),
        Err(_) => log::warn!("{}: cannot set {name} to {value}", element.name()),
    }
}

/// A capsfilter of `caps`.
pub fn caps_filter(caps: gst::Caps) -> Result<gst::Element, String> {
    let filter = make("capsfilter")?;
    filter.set_property("caps", caps);
    Ok(filter)
}

impl Chain {
    /// Links `elements` between our pads and starts them.
    pub fn new(elements: &[gst::Element], stream: &str) -> Result<Chain, String> {
        let pipeline = gst::Pipeline::new();
        pipeline.add_many(elements).map_err(|e| e.to_string())?;
        gst::Element::link_many(elements).map_err(|e| format!("could not link the codec: {e}"))?;
        let collected = Arc::new(Mutex::new(Collected::default()));
        let input: Arc<Mutex<Option<gst::Caps>>> = Arc::new(Mutex::new(None));
        let caps_for_query = input.clone();
        let src = gst::Pad::builder(gst::PadDirection::Src)
            .name("aperture-src")
            .query_function(move |_pad, _parent, query| match query.view_mut() {
                gst::QueryViewMut::Caps(q) => {
                    let caps = caps_for_query.lock().unwrap_or_else(PoisonError::into_inner).clone();
                    q.set_result(&caps.unwrap_or_else(gst::Caps::new_any));
                    true
                }
                _ => false,
            })
            .event_function(|_pad, _parent, _event| true)
            .build();
        let buffers = collected.clone();
        let events = collected.clone();
        let sink = gst::Pad::builder(gst::PadDirection::Sink)
            .name("aperture-sink")
            .chain_function(move |_pad, _parent, buffer| {
                buffers.lock().unwrap_or_else(PoisonError::into_inner).buffers.push(buffer);
                Ok(gst::FlowSuccess::Ok)
            })
            .event_function(move |_pad, _parent, event| {
                let mut c = events.lock().unwrap_or_else(PoisonError::into_inner);
                match event.view() {
                    gst::EventView::Caps(caps) => c.caps = Some(caps.caps_owned()),
                    gst::EventView::Eos(_) => c.eos = true,
                    _ => {}
                }
                true
            })
            .query_function(|_pad, _parent, query| match query.view_mut() {
                gst::QueryViewMut::Caps(q) => {
                    let caps = q.filter().map_or_else(gst::Caps::new_any, |f| f.to_owned());
                    q.set_result(&caps);
                    true
                }
                gst::QueryViewMut::AcceptCaps(q) => {
                    q.set_result(true);
                    true
                }
                _ => false,
            })
            .build();
        let first = elements.first().and_then(|e| e.static_pad("sink")).ok_or("the chain has no input")?;
        let last = elements.last().and_then(|e| e.static_pad("src")).ok_or("the chain has no output")?;
        src.link(&first).map_err(|e| format!("could not link the codec's input: {e:?}"))?;
        last.link(&sink).map_err(|e| format!("could not link the codec's output: {e:?}"))?;
        src.set_active(true).map_err(|e| e.to_string())?;
        sink.set_active(true).map_err(|e| e.to_string())?;
        pipeline.set_state(gst::State::Playing).map_err(|e| format!("the codec did not start: {e}"))?;
        src.push_event(gst::event::StreamStart::new(stream));
        Ok(Chain { pipeline, src, sink, collected, input, started: false })
    }

    /// Gives the input `caps` (a caps event when they change). `false`: not accepted.
    pub fn set_input(&mut self, caps: gst::Caps) -> bool {
        let changed = {
            let mut input = self.input.lock().unwrap_or_else(PoisonError::into_inner);
            let changed = input.as_ref() != Some(&caps);
            *input = Some(caps.clone());
            changed
        };
        if changed && !self.src.push_event(gst::event::Caps::new(&caps)) {
            return false;
        }
        if !self.started {
            self.started = true;
            self.src.push_event(gst::event::Segment::new(&gst::FormattedSegment::<gst::ClockTime>::new()));
        }
        true
    }

    /// Sends a serialized event down the chain (a key frame request).
    pub fn push_event(&self, event: gst::Event) {
        self.src.push_event(event);
    }

    /// Pushes `buffer` through; `Err` says why the chain failed.
    pub fn push(&self, buffer: gst::Buffer) -> Result<(), String> {
        self.src.push(buffer).map(|_| ()).map_err(|e| format!("{} ({e:?})", self.error_reason()))
    }

    /// Sends end-of-stream (the elements emit what they hold); `Err` if it did not come through.
    pub fn finish(&self) -> Result<(), String> {
        if !self.started {
            return Ok(());
        }
        self.src.push_event(gst::event::Eos::new());
        if self.collected.lock().unwrap_or_else(PoisonError::into_inner).eos {
            Ok(())
        } else {
            Err(self.error_reason())
        }
    }

    /// What the chain's end received since the last call (the caps stay).
    pub fn take(&self) -> (Vec<gst::Buffer>, Option<gst::Caps>) {
        let mut c = self.collected.lock().unwrap_or_else(PoisonError::into_inner);
        (std::mem::take(&mut c.buffers), c.caps.clone())
    }

    fn error_reason(&self) -> String {
        self.pipeline
            .bus()
            .and_then(|bus| bus.pop_filtered(&[gst::MessageType::Error]))
            .and_then(|m| match m.view() {
                gst::MessageView::Error(e) => Some(e.error().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| "the codec failed".into())
    }
}

impl Drop for Chain {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
        let _ = self.src.set_active(false);
        let _ = self.sink.set_active(false);
    }
}

/// Presentation times for a codec's inputs: their microsecond timestamps made to start at 0 and
/// kept increasing (an input at or before the previous one is placed one interval on), so rate
/// control and reordering see a proper stream whatever the page's timestamps.
pub struct Timeline {
    first: Option<i64>,
    last: Option<gst::ClockTime>,
    /// The interval.
    pub interval: gst::ClockTime,
}

impl Timeline {
    /// A timeline with `interval` between inputs that share a timestamp.
    pub fn new(interval: gst::ClockTime) -> Timeline {
        Timeline { first: None, last: None, interval }
    }

    /// The presentation time of the next input.
    pub fn next(&mut self, timestamp: i64) -> gst::ClockTime {
        let start = *self.first.get_or_insert(timestamp);
        let since = u64::try_from(timestamp.saturating_sub(start)).unwrap_or(0);
        let mut pts = gst::ClockTime::from_useconds(since);
        if let Some(last) = self.last
            && pts <= last
        {
            pts = last + self.interval;
        }
        self.last = Some(pts);
        pts
    }

    /// Whether an input was placed yet.
    pub fn is_empty(&self) -> bool {
        self.last.is_none()
    }
}
