//! Event interfaces that carry only plain data from their init dictionary, from several specs
//! (HTML, CSS Transitions, CSS Animations, WebSockets): each is one `simple_event!` with its
//! fields. The events with behaviour of their own live with their feature.

#[macro_use]
mod simpleevent;
pub(crate) use simpleevent::simple_event;

pub mod events;
