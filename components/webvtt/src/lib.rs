//! WebVTT parsing without a DOM (<https://w3c.github.io/webvtt/>).
//!
//! - [`parse`]: the WebVTT parser algorithm, from the bytes of a `text/vtt` resource to its
//!   cues and regions (style sheets are collected and dropped, as there is nothing to apply
//!   them to here).
//! - [`parse_cue_text`]: the WebVTT cue text parsing rules, from a cue's text to its tree of
//!   WebVTT Node Objects (for `VTTCue.getCueAsHTML()` and rendering).
//! - [`parse_timestamp`] and [`format_timestamp`]: WebVTT timestamps to seconds and back.
//!
//! Nothing here panics on any input, and every algorithm is linear in its input.

mod cue_text;
mod file;
mod timestamp;

#[cfg(test)]
mod tests;

pub use cue_text::parse_cue_text;
pub use file::parse;
pub use timestamp::{format_timestamp, parse_timestamp};

/// A parsed WebVTT file: what the WebVTT parser algorithm adds to the text track's list of
/// cues and to its list of regions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedFile {
    /// The cues, in file order.
    pub cues: Vec<Cue>,
    /// Every region definition block, in file order. [`Cue::region`] indexes this list.
    pub regions: Vec<Region>,
}

/// <https://w3c.github.io/webvtt/#webvtt-cue>: a WebVTT caption or subtitle cue.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    /// <https://w3c.github.io/webvtt/#webvtt-cue-identifier>: the text track cue identifier.
    pub id: String,
    /// The text track cue start time, in seconds.
    pub start: f64,
    /// The text track cue end time, in seconds (the parser does not require it to be after
    /// the start).
    pub end: f64,
    /// <https://w3c.github.io/webvtt/#cue-text>: the raw cue text; see [`parse_cue_text`].
    pub text: String,
    /// The text track cue pause-on-exit flag (always false from the parser).
    pub pause_on_exit: bool,
    /// <https://w3c.github.io/webvtt/#webvtt-cue-region>: an index into
    /// [`ParsedFile::regions`], the last region whose identifier is the `region` setting's
    /// value; cleared again by a later `vertical`, `line` or `size` setting that takes the
    /// cue out of regions.
    pub region: Option<usize>,
    /// <https://w3c.github.io/webvtt/#webvtt-cue-writing-direction>
    pub vertical: Vertical,
    /// <https://w3c.github.io/webvtt/#webvtt-cue-snap-to-lines-flag>
    pub snap_to_lines: bool,
    /// <https://w3c.github.io/webvtt/#webvtt-cue-line>: `None` is "auto".
    pub line: Option<f64>,
    /// <https://w3c.github.io/webvtt/#webvtt-cue-line-alignment>
    pub line_align: LineAlign,
    /// <https://w3c.github.io/webvtt/#webvtt-cue-position>: a percentage; `None` is "auto".
    pub position: Option<f64>,
    /// <https://w3c.github.io/webvtt/#webvtt-cue-position-alignment>
    pub position_align: PositionAlign,
    /// <https://w3c.github.io/webvtt/#webvtt-cue-size>: a percentage, 0..=100.
    pub size: f64,
    /// <https://w3c.github.io/webvtt/#webvtt-cue-text-alignment>
    pub text_align: TextAlign,
}

impl Default for Cue {
    /// <https://w3c.github.io/webvtt/#collect-a-webvtt-block>, "Cue creation": identifier
    /// empty, pause-on-exit false, region null, horizontal, snap-to-lines true, line auto,
    /// line start alignment, position auto, position auto alignment, size 100, center
    /// alignment, empty cue text (and times 0).
    fn default() -> Cue {
        Cue {
            id: String::new(),
            start: 0.0,
            end: 0.0,
            text: String::new(),
            pause_on_exit: false,
            region: None,
            vertical: Vertical::Horizontal,
            snap_to_lines: true,
            line: None,
            line_align: LineAlign::Start,
            position: None,
            position_align: PositionAlign::Auto,
            size: 100.0,
            text_align: TextAlign::Center,
        }
    }
}

/// <https://w3c.github.io/webvtt/#webvtt-cue-writing-direction>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vertical {
    /// Horizontal (`vertical` is the empty string in the DOM).
    Horizontal,
    /// Vertical growing left (`vertical:rl`).
    Rl,
    /// Vertical growing right (`vertical:lr`).
    Lr,
}

/// <https://w3c.github.io/webvtt/#webvtt-cue-line-alignment>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineAlign {
    /// `start`
    Start,
    /// `center`
    Center,
    /// `end`
    End,
}

/// <https://w3c.github.io/webvtt/#webvtt-cue-position-alignment>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionAlign {
    /// `line-left`
    LineLeft,
    /// `center`
    Center,
    /// `line-right`
    LineRight,
    /// `auto`
    Auto,
}

/// <https://w3c.github.io/webvtt/#webvtt-cue-text-alignment>
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextAlign {
    /// `start`
    Start,
    /// `center`
    Center,
    /// `end`
    End,
    /// `left`
    Left,
    /// `right`
    Right,
}

/// <https://w3c.github.io/webvtt/#webvtt-region>
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    /// <https://w3c.github.io/webvtt/#webvtt-region-identifier>
    pub id: String,
    /// <https://w3c.github.io/webvtt/#webvtt-region-width>: a percentage.
    pub width: f64,
    /// <https://w3c.github.io/webvtt/#webvtt-region-lines> (saturating at `u32::MAX`, the
    /// range of `VTTRegion.lines`).
    pub lines: u32,
    /// <https://w3c.github.io/webvtt/#webvtt-region-anchor>: (x, y) percentages.
    pub region_anchor: (f64, f64),
    /// <https://w3c.github.io/webvtt/#webvtt-region-viewport-anchor>: (x, y) percentages.
    pub viewport_anchor: (f64, f64),
    /// <https://w3c.github.io/webvtt/#webvtt-region-scroll>: true for "up", false for "none".
    pub scroll_up: bool,
}

impl Default for Region {
    /// <https://w3c.github.io/webvtt/#collect-a-webvtt-block>, "Region creation": identifier
    /// empty, width 100, lines 3, anchor point (0,100), viewport anchor point (0,100), scroll
    /// none.
    fn default() -> Region {
        Region {
            id: String::new(),
            width: 100.0,
            lines: 3,
            region_anchor: (0.0, 100.0),
            viewport_anchor: (0.0, 100.0),
            scroll_up: false,
        }
    }
}

/// <https://w3c.github.io/webvtt/#webvtt-node-object>: a WebVTT Node Object of a cue text.
#[derive(Clone, Debug, PartialEq)]
pub enum CueNode {
    /// A WebVTT Text Object, with its value.
    Text(String),
    /// A WebVTT Timestamp Object, with its value in seconds.
    Timestamp(f64),
    /// A WebVTT Internal Node Object.
    Element {
        /// Its concrete class.
        kind: ElementKind,
        /// Its applicable classes (never empty strings).
        classes: Vec<String>,
        /// The start tag's annotation string ("" when it had none): the value of a WebVTT
        /// Voice Object (`<v name>`); the pushed language of a `<lang xx>`.
        annotation: String,
        /// Its applicable language: the top of the language stack when it was attached
        /// ("" when the stack was empty).
        language: String,
        /// Its children.
        children: Vec<CueNode>,
    },
}

/// The concrete classes of WebVTT Internal Node Objects
/// (<https://w3c.github.io/webvtt/#webvtt-internal-node-object>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementKind {
    /// A WebVTT Class Object (`<c>`, a `span` in the DOM).
    Class,
    /// A WebVTT Italic Object (`<i>`).
    Italic,
    /// A WebVTT Bold Object (`<b>`).
    Bold,
    /// A WebVTT Underline Object (`<u>`).
    Underline,
    /// A WebVTT Ruby Object (`<ruby>`).
    Ruby,
    /// A WebVTT Ruby Text Object (`<rt>`).
    RubyText,
    /// A WebVTT Voice Object (`<v>`, a `span` with a `title` in the DOM).
    Voice,
    /// A WebVTT Language Object (`<lang>`, a `span` with a `lang` in the DOM).
    Language,
}
