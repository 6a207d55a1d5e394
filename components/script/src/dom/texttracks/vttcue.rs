//! `VTTCue` (<https://w3c.github.io/webvtt/#the-vttcue-interface>): a WebVTT cue, made by
//! script or by the WebVTT parser from a `<track>`'s file: its settings, its text, and
//! `getCueAsHTML()` (the cue text as a DOM fragment, from the `webvtt` crate's cue text
//! parser).

use std::cell::RefCell;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleObject;

use crate::dom::bindings::classes::{reflect_dom_object, reflect_dom_object_with_proto};
use crate::dom::bindings::codegen::Enums::{
    AlignSetting, AutoKeyword, DirectionSetting, LineAlignSetting, PositionAlignSetting,
};
use crate::dom::bindings::codegen::Unions::DoubleOrAutoKeyword;
use crate::dom::bindings::codegen::VTTCueBinding::VTTCueMethods;
use crate::dom::bindings::error::{Error, ErrorResult, Fallible};
use crate::dom::bindings::inheritance::Castable;
use crate::dom::bindings::num::Finite;
use crate::dom::bindings::root::{DomRoot, MutNullableDom};
use crate::dom::bindings::str::DOMString;
use crate::dom::dom::createelement::create_element;
use crate::dom::dom::document::Document;
use crate::dom::dom::documentfragment::DocumentFragment;
use crate::dom::dom::element::HTML_NAMESPACE;
use crate::dom::dom::node::Node;
use crate::dom::dom::processinginstruction::ProcessingInstruction;
use crate::dom::dom::text::Text;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;
use crate::dom::texttracks::texttrackcue::TextTrackCue;
use crate::dom::texttracks::vttregion::{VTTRegion, percentage};

#[dom_struct]
pub struct VTTCue {
    cue: TextTrackCue,
    /// The WebVTT cue settings and text (its identifier and times are the TextTrackCue's).
    #[no_trace]
    settings: RefCell<webvtt::Cue>,
    /// The WebVTT cue region.
    region: MutNullableDom<VTTRegion>,
}

impl VTTCue {
    fn new_inherited(settings: webvtt::Cue) -> VTTCue {
        VTTCue {
            cue: TextTrackCue::new_inherited(settings.id.clone(), settings.start, settings.end),
            settings: RefCell::new(settings),
            region: Default::default(),
        }
    }

    /// A cue of a parsed WebVTT file, with its region (a VTTRegion of the same file).
    pub fn from_parsed(
        cx: &mut JSContext,
        window: &Window,
        cue: webvtt::Cue,
        region: Option<&VTTRegion>,
    ) -> DomRoot<VTTCue> {
        let cue = reflect_dom_object(cx, Box::new(VTTCue::new_inherited(cue)), window);
        cue.region.set(region);
        cue
    }

    fn with(&self, change: impl FnOnce(&mut webvtt::Cue)) {
        change(&mut self.settings.borrow_mut());
    }
}

/// <https://w3c.github.io/webvtt/#webvtt-cue-text-dom-construction-rules>: "the WebVTT Node
/// Objects … converted to DOM nodes": class, italic, bold, underline, ruby, ruby text, voice
/// and language objects become `span`, `i`, `b`, `u`, `ruby`, `rt`, `span` (its `title` the
/// voice name) and `span` (its `lang` the applicable language), in the HTML namespace, with
/// the object's classes as the `class` attribute; a timestamp becomes a ProcessingInstruction
/// named "timestamp" whose data is the timestamp; text stays text.
fn append_cue_nodes(cx: &mut JSContext, document: &Document, parent: &Node, nodes: &[webvtt::CueNode]) {
    for node in nodes {
        let child: DomRoot<Node> = match node {
            webvtt::CueNode::Text(text) => DomRoot::upcast(Text::new(cx, text.clone(), document)),
            webvtt::CueNode::Timestamp(seconds) => DomRoot::upcast(ProcessingInstruction::new(
                cx,
                "timestamp".into(),
                webvtt::format_timestamp(*seconds),
                document,
            )),
            webvtt::CueNode::Element { kind, classes, annotation, language, children } => {
                use webvtt::ElementKind::*;
                let name = match kind {
                    Class | Voice | Language => "span",
                    Italic => "i",
                    Bold => "b",
                    Underline => "u",
                    Ruby => "ruby",
                    RubyText => "rt",
                };
                let element = create_element(cx, document, name, Some(HTML_NAMESPACE), None);
                if !classes.is_empty() {
                    element.set_attribute_value(cx, "class", classes.join(" "));
                }
                match kind {
                    Voice => element.set_attribute_value(cx, "title", annotation.clone()),
                    Language => element.set_attribute_value(cx, "lang", language.clone()),
                    _ => {}
                }
                append_cue_nodes(cx, document, element.upcast::<Node>(), children);
                DomRoot::upcast::<Node>(element)
            }
        };
        parent.insert(cx, &child, None, false);
    }
}

fn auto_or(value: Option<f64>) -> DoubleOrAutoKeyword {
    match value {
        Some(v) => DoubleOrAutoKeyword::Double(Finite::<f64>::wrap(v)),
        None => DoubleOrAutoKeyword::AutoKeyword(AutoKeyword::Auto),
    }
}

impl VTTCueMethods for VTTCue {
    /// <https://w3c.github.io/webvtt/#dom-vttcue-vttcue>: "1. Create a new WebVTT cue. … 2.
    /// Let cue's text track cue start time be the value of the startTime argument. 3. … end
    /// time … endTime argument. 4. Let cue's cue text be the value of the text argument …. 5.
    /// identifier the empty string. 6. pause-on-exit flag false. 7. region null. 8. writing
    /// direction horizontal. 9. snap-to-lines flag true. 10. line auto. 11. line alignment
    /// start. 12. position auto. 13. position alignment auto. 14. size 100. 15. text alignment
    /// center. 16. Return the VTTCue object representing cue."
    fn Constructor(
        cx: &mut JSContext,
        global: &Window,
        proto: Option<HandleObject>,
        start_time: Finite<f64>,
        end_time: f64,
        text: DOMString,
    ) -> Fallible<DomRoot<VTTCue>> {
        // A NaN or -Infinity end time is refused, as Chromium and WPT do (the IDL's
        // unrestricted double lets them through; +Infinity stays valid: a cue to the end).
        if end_time.is_nan() || end_time == f64::NEG_INFINITY {
            return Err(Error::Type(format!("The provided end time ({end_time}) is not a valid time.")));
        }
        let settings = webvtt::Cue {
            start: *start_time,
            end: end_time,
            text: text.into(),
            line_align: webvtt::LineAlign::Start,
            ..webvtt::Cue::default()
        };
        Ok(reflect_dom_object_with_proto(cx, Box::new(VTTCue::new_inherited(settings)), global, proto))
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-region>
    fn Region(&self, _cx: &mut JSContext) -> Option<DomRoot<VTTRegion>> {
        self.region.get()
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-region>
    fn SetRegion(&self, _cx: &mut JSContext, value: Option<&VTTRegion>) {
        self.region.set(value);
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-vertical>
    fn Vertical(&self, _cx: &mut JSContext) -> DirectionSetting {
        match self.settings.borrow().vertical {
            webvtt::Vertical::Horizontal => DirectionSetting::Empty,
            webvtt::Vertical::Rl => DirectionSetting::Rl,
            webvtt::Vertical::Lr => DirectionSetting::Lr,
        }
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-vertical>
    fn SetVertical(&self, _cx: &mut JSContext, value: DirectionSetting) {
        self.with(|c| {
            c.vertical = match value {
                DirectionSetting::Empty => webvtt::Vertical::Horizontal,
                DirectionSetting::Rl => webvtt::Vertical::Rl,
                DirectionSetting::Lr => webvtt::Vertical::Lr,
            }
        });
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-snaptolines>
    fn SnapToLines(&self, _cx: &mut JSContext) -> bool {
        self.settings.borrow().snap_to_lines
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-snaptolines>
    fn SetSnapToLines(&self, _cx: &mut JSContext, value: bool) {
        self.with(|c| c.snap_to_lines = value);
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-line>: "the WebVTT cue line … the string
    /// "auto" for the special value auto".
    fn Line(&self, _cx: &mut JSContext) -> DoubleOrAutoKeyword {
        auto_or(self.settings.borrow().line)
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-line>: "On setting, the WebVTT cue line must
    /// be set to the new value; if the new value is the string "auto", then it must be
    /// interpreted as the special value auto."
    fn SetLine(&self, _cx: &mut JSContext, value: DoubleOrAutoKeyword) {
        self.with(|c| {
            c.line = match value {
                DoubleOrAutoKeyword::Double(v) => Some(*v),
                DoubleOrAutoKeyword::AutoKeyword(_) => None,
            }
        });
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-linealign>
    fn LineAlign(&self, _cx: &mut JSContext) -> LineAlignSetting {
        match self.settings.borrow().line_align {
            webvtt::LineAlign::Start => LineAlignSetting::Start,
            webvtt::LineAlign::Center => LineAlignSetting::Center,
            webvtt::LineAlign::End => LineAlignSetting::End,
        }
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-linealign>
    fn SetLineAlign(&self, _cx: &mut JSContext, value: LineAlignSetting) {
        self.with(|c| {
            c.line_align = match value {
                LineAlignSetting::Start => webvtt::LineAlign::Start,
                LineAlignSetting::Center => webvtt::LineAlign::Center,
                LineAlignSetting::End => webvtt::LineAlign::End,
            }
        });
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-position>
    fn Position(&self, _cx: &mut JSContext) -> DoubleOrAutoKeyword {
        auto_or(self.settings.borrow().position)
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-position>: "On setting, if the new value is
    /// negative or greater than 100, then an IndexSizeError exception must be thrown.
    /// Otherwise, the WebVTT cue position must be set to the new value; if the new value is
    /// the string "auto", then it must be interpreted as the special value auto."
    fn SetPosition(&self, _cx: &mut JSContext, value: DoubleOrAutoKeyword) -> ErrorResult {
        let position = match value {
            DoubleOrAutoKeyword::Double(v) => Some(percentage(*v, "position")?),
            DoubleOrAutoKeyword::AutoKeyword(_) => None,
        };
        self.with(|c| c.position = position);
        Ok(())
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-positionalign>
    fn PositionAlign(&self, _cx: &mut JSContext) -> PositionAlignSetting {
        match self.settings.borrow().position_align {
            webvtt::PositionAlign::LineLeft => PositionAlignSetting::LineLeft,
            webvtt::PositionAlign::Center => PositionAlignSetting::Center,
            webvtt::PositionAlign::LineRight => PositionAlignSetting::LineRight,
            webvtt::PositionAlign::Auto => PositionAlignSetting::Auto,
        }
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-positionalign>
    fn SetPositionAlign(&self, _cx: &mut JSContext, value: PositionAlignSetting) {
        self.with(|c| {
            c.position_align = match value {
                PositionAlignSetting::LineLeft => webvtt::PositionAlign::LineLeft,
                PositionAlignSetting::Center => webvtt::PositionAlign::Center,
                PositionAlignSetting::LineRight => webvtt::PositionAlign::LineRight,
                PositionAlignSetting::Auto => webvtt::PositionAlign::Auto,
            }
        });
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-size>
    fn Size(&self, _cx: &mut JSContext) -> Finite<f64> {
        Finite::<f64>::wrap(self.settings.borrow().size)
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-size>: "On setting, if the new value is
    /// negative or greater than 100, then throw an IndexSizeError exception. Otherwise, set
    /// the WebVTT cue size to the new value."
    fn SetSize(&self, _cx: &mut JSContext, value: Finite<f64>) -> ErrorResult {
        let size = percentage(*value, "size")?;
        self.with(|c| c.size = size);
        Ok(())
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-align>
    fn Align(&self, _cx: &mut JSContext) -> AlignSetting {
        match self.settings.borrow().text_align {
            webvtt::TextAlign::Start => AlignSetting::Start,
            webvtt::TextAlign::Center => AlignSetting::Center,
            webvtt::TextAlign::End => AlignSetting::End,
            webvtt::TextAlign::Left => AlignSetting::Left,
            webvtt::TextAlign::Right => AlignSetting::Right,
        }
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-align>
    fn SetAlign(&self, _cx: &mut JSContext, value: AlignSetting) {
        self.with(|c| {
            c.text_align = match value {
                AlignSetting::Start => webvtt::TextAlign::Start,
                AlignSetting::Center => webvtt::TextAlign::Center,
                AlignSetting::End => webvtt::TextAlign::End,
                AlignSetting::Left => webvtt::TextAlign::Left,
                AlignSetting::Right => webvtt::TextAlign::Right,
            }
        });
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-text>: "the cue text in raw unparsed form".
    fn Text(&self, _cx: &mut JSContext) -> DOMString {
        self.settings.borrow().text.as_str().into()
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-text>
    fn SetText(&self, _cx: &mut JSContext, value: DOMString) {
        self.with(|c| c.text = value.into());
    }

    /// <https://w3c.github.io/webvtt/#dom-vttcue-getcueashtml>: "convert the cue text to a
    /// DocumentFragment for the responsible document using the WebVTT cue text parsing rules
    /// and the WebVTT cue text DOM construction rules."
    fn GetCueAsHTML(&self, cx: &mut JSContext) -> DomRoot<DocumentFragment> {
        let document = self.global().document();
        let text = self.settings.borrow().text.clone();
        let nodes = webvtt::parse_cue_text(&text);
        let fragment = DocumentFragment::new(cx, &document);
        append_cue_nodes(cx, &document, fragment.upcast::<Node>(), &nodes);
        // An empty cue text gives one empty Text node, as in Chromium and WPT (a text of
        // markup only, such as "<", gives none).
        if text.is_empty() {
            let empty = Text::new(cx, String::new(), &document);
            fragment.upcast::<Node>().insert(cx, empty.upcast::<Node>(), None, false);
        }
        fragment
    }
}

impl VTTCue {
    /// The base cue.
    pub fn cue(&self) -> &TextTrackCue {
        &self.cue
    }
}
