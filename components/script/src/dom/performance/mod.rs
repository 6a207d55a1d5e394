//! Performance Timeline (<https://w3c.github.io/performance-timeline/>) and User Timing
//! (<https://w3c.github.io/user-timing/>): `PerformanceEntry`, `PerformanceMark`,
//! `PerformanceMeasure`, `PerformanceObserver`. Each global's `Performance` object
//! (`hrtime/performance.rs`) keeps its performance entry buffer of marks and measures and its
//! registered observers. The only entry types are "mark" and "measure".

pub mod performanceentry;
pub mod performanceobserver;
pub mod usertiming;

/// The entry types Aperture supports, in the order `supportedEntryTypes` lists them.
pub const SUPPORTED_ENTRY_TYPES: [&str; 2] = ["mark", "measure"];
