//! The selection APIs of text controls (<https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#textFieldSelection>):
//! `selectionStart`, `selectionEnd`, `selectionDirection`, `setSelectionRange()` and
//! `setRangeText()` of `<textarea>` and of `<input>` of the types they apply to.
//!
//! Nobody types or drags here, so a selection changes only through these members, `select()`
//! and value changes. Offsets are UTF-16 code units of the control's relevant value.

use std::cell::Cell;

use crate::dom::bindings::error::Error;
use crate::dom::bindings::refcounted::Trusted;
use crate::dom::dom::eventtarget::EventTarget;

/// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#selection-direction>.
/// "none" is reported as the platform's default, "forward", as Chromium does on Linux.
#[derive(Clone, Copy, Default, PartialEq)]
pub enum Direction {
    #[default]
    Forward,
    Backward,
}

/// A text control's selection, and whether a `selectionchange` is scheduled for it.
#[derive(Clone, Copy, Default)]
pub struct TextSelection {
    start: u32,
    end: u32,
    direction: Direction,
    selectionchange_scheduled: bool,
}

/// The selection state a text control keeps.
#[derive(Default)]
pub struct SelectionState(Cell<TextSelection>);

fn utf16_len(value: &str) -> u32 {
    value.encode_utf16().count() as u32
}

impl SelectionState {
    /// (start, end, direction), clamped to the current value (which may have changed since).
    pub fn get(&self, value: &str) -> (u32, u32, Direction) {
        let s = self.0.get();
        let len = utf16_len(value);
        (s.start.min(len), s.end.min(len), s.direction)
    }

    /// After the value changed some other way (a textarea's children, an input's type or
    /// `value` attribute): the selection is kept within the new value, so a longer value later
    /// does not bring old offsets back.
    pub fn clamp(&self, value: &str) {
        let len = utf16_len(value);
        let s = self.0.get();
        self.0.set(TextSelection { start: s.start.min(len), end: s.end.min(len), ..s });
    }

    /// The cursor at the beginning, nothing selected, direction "none".
    pub fn move_to_start(&self) {
        let s = self.0.get();
        self.0.set(TextSelection { start: 0, end: 0, direction: Direction::Forward, ..s });
    }

    /// What a value change by script does: "move the text entry cursor position to the end of
    /// the text control, unselecting any selected text and resetting the selection direction
    /// to "none"."
    pub fn move_to_end(&self, value: &str) {
        let len = utf16_len(value);
        let s = self.0.get();
        self.0.set(TextSelection { start: len, end: len, direction: Direction::Forward, ..s });
    }

    /// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#set-the-selection-range>
    /// with `start`, `end` and `direction`; `target` gets the events. Returns whether the
    /// selection changed.
    pub fn set_range(&self, target: &EventTarget, value: &str, start: u32, end: u32, direction: Option<&str>) -> bool {
        let len = utf16_len(value);
        // 1–2. (Null start or end is 0: the callers pass numbers.)
        // 3. "Arguments greater than the length of the relevant value … must be treated as equal
        //    to the length … If end is less than or equal to start, then the start of the
        //    selection and the end of the selection must both be placed immediately before the
        //    character with offset end."
        let end = end.min(len);
        let start = start.min(end);
        // 4. "If direction is not identical to either "backward" or "forward", or if the
        //    direction argument was not given, set direction to "none"" (the platform's
        //    "forward" here).
        let direction = if direction == Some("backward") { Direction::Backward } else { Direction::Forward };
        // 5. "Set the selection direction of the text control to direction."
        let old = self.0.get();
        let changed = (old.start.min(len), old.end.min(len), old.direction) != (start, end, direction);
        self.0.set(TextSelection { start, end, direction, ..old });
        // 6. "If the previous steps caused the selection of the text control to be modified (in
        //    either extent or direction), then queue an element task on the user interaction
        //    task source given the element to fire an event named select at the element, with
        //    the bubbles attribute initialized to true." The Selection API adds a
        //    selectionchange at the element, scheduled once per task.
        if changed {
            queue_select(target);
            self.schedule_selectionchange(target);
        }
        changed
    }

    /// <https://w3c.github.io/selection-api/#scheduling-selectionhange-event> for a text control.
    fn schedule_selectionchange(&self, target: &EventTarget) {
        let s = self.0.get();
        if s.selectionchange_scheduled {
            return;
        }
        self.0.set(TextSelection { selectionchange_scheduled: true, ..s });
        let target = Trusted::new(target);
        crate::script_thread::queue_task(Box::new(move |cx| {
            let Some(target) = target.root() else { return };
            if let Some(state) = selection_state_of(&target) {
                let s = state.0.get();
                state.0.set(TextSelection { selectionchange_scheduled: false, ..s });
            }
            target.fire_event_with(cx, "selectionchange", true, false);
        }));
    }
}

/// The selection state of a text control, from its event target.
fn selection_state_of(target: &EventTarget) -> Option<&SelectionState> {
    use crate::dom::bindings::inheritance::Castable;
    if let Some(input) = target.downcast::<super::htmlinputelement::HTMLInputElement>() {
        return Some(input.selection_state());
    }
    target.downcast::<super::htmltextareaelement::HTMLTextAreaElement>().map(|t| t.selection_state())
}

/// Queues the `select` event (bubbles, not cancelable) at `target`.
pub fn queue_select(target: &EventTarget) {
    let target = Trusted::new(target);
    crate::script_thread::queue_task(Box::new(move |cx| {
        if let Some(target) = target.root() {
            target.fire_event_with(cx, "select", true, false);
        }
    }));
}

/// The name `selectionDirection` returns.
pub fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Forward => "forward",
        Direction::Backward => "backward",
    }
}

/// The error of a selection member on an input type it does not apply to.
pub fn not_applicable() -> Error {
    Error::InvalidState("The input element's type does not support selection.".into())
}

/// `selectionMode` of setRangeText().
#[derive(Clone, Copy, PartialEq)]
pub enum SelectionMode {
    Select,
    Start,
    End,
    Preserve,
}

/// <https://html.spec.whatwg.org/multipage/form-control-infrastructure.html#dom-textarea/input-setrangetext>,
/// steps 3–11: the new value and the new selection, from the current `value`, its selection
/// and the arguments (`range` None for the one-argument form).
pub fn range_text(
    value: &str,
    selection: (u32, u32),
    replacement: &str,
    range: Option<(u32, u32)>,
    mode: SelectionMode,
) -> Result<(String, u32, u32), Error> {
    let units: Vec<u16> = value.encode_utf16().collect();
    let len = units.len() as u32;
    // 3. "If the method has only one argument, then let start and end have the values of the
    //    selectionStart attribute and the selectionEnd attribute respectively."
    let (start, end) = range.unwrap_or(selection);
    // 4. "If start is greater than end, then throw an "IndexSizeError" DOMException."
    if start > end {
        return Err(Error::IndexSize("The start is after the end.".into()));
    }
    // 5–6. "If start (end) is greater than the length of the relevant value of the text
    //      control, then set it to the length of the relevant value of the text control."
    let (start, end) = (start.min(len), end.min(len));
    // 7. "Let selection start be the current value of the selectionStart attribute, and let
    //    selection end be the current value of the selectionEnd attribute."
    let (mut selection_start, mut selection_end) = selection;
    // 8–9. "If start is less than end, delete the sequence of code units within the element's
    //      relevant value starting with the code unit at the startth position and ending with
    //      the code unit at the (end-1)th position. Insert the value of the first argument into
    //      the text of the relevant value of the text control, immediately before the startth
    //      code unit."
    let inserted: Vec<u16> = replacement.encode_utf16().collect();
    let mut new_units = units[..start as usize].to_vec();
    new_units.extend_from_slice(&inserted);
    new_units.extend_from_slice(&units[end as usize..]);
    // 10. "Let new length be the length of the value of the first argument. Let new end be the
    //     sum of start and new length."
    let new_length = inserted.len() as u32;
    let new_end = start + new_length;
    // 11. "Run the appropriate set of substeps from the following list":
    match mode {
        // "select": "Let selection start be start. Let selection end be new end."
        SelectionMode::Select => {
            selection_start = start;
            selection_end = new_end;
        }
        // "start": "Let selection start and selection end be start."
        SelectionMode::Start => {
            selection_start = start;
            selection_end = start;
        }
        // "end": "Let selection start and selection end be new end."
        SelectionMode::End => {
            selection_start = new_end;
            selection_end = new_end;
        }
        // "preserve": "Let old length be end minus start. Let delta be new length minus old
        // length. If selection start is greater than end, then increment it by delta. (If
        // delta is negative, i.e. the new text is shorter than the old text, then this will
        // decrease the value of selection start.) Otherwise: if selection start is greater
        // than start, then set it to start. (This snaps the start of the selection to the start
        // of the new text if it was in the middle of the text that it replaced.) If selection
        // end is greater than end, then increment it by delta in the same way. Otherwise: if
        // selection end is greater than start, then set it to new end."
        SelectionMode::Preserve => {
            let delta = i64::from(new_length) - i64::from(end - start);
            if selection_start > end {
                selection_start = (i64::from(selection_start) + delta).max(0) as u32;
            } else if selection_start > start {
                selection_start = start;
            }
            if selection_end > end {
                selection_end = (i64::from(selection_end) + delta).max(0) as u32;
            } else if selection_end > start {
                selection_end = new_end;
            }
        }
    }
    Ok((String::from_utf16_lossy(&new_units), selection_start, selection_end))
}

/// The selectionMode argument, already an enumeration in the IDL.
pub fn mode_from(mode: &str) -> SelectionMode {
    match mode {
        "select" => SelectionMode::Select,
        "start" => SelectionMode::Start,
        "end" => SelectionMode::End,
        _ => SelectionMode::Preserve,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_range_text_modes() {
        // "preserve": the selection (0, 2) over the replaced "XY" ends after the new text.
        assert_eq!(range_text("XYrld!", (0, 2), "Q", None, SelectionMode::Preserve).unwrap(), ("Qrld!".into(), 0, 1));
        assert_eq!(
            range_text("world!", (1, 6), "XY", Some((0, 2)), SelectionMode::Select).unwrap(),
            ("XYrld!".into(), 0, 2)
        );
        assert_eq!(range_text("abc", (3, 3), "Z", Some((1, 1)), SelectionMode::End).unwrap(), ("aZbc".into(), 2, 2));
        // A selection after the replaced text moves by the difference in length.
        assert_eq!(
            range_text("abcdef", (4, 6), "", Some((0, 2)), SelectionMode::Preserve).unwrap(),
            ("cdef".into(), 2, 4)
        );
        assert!(range_text("abc", (0, 0), "z", Some((3, 1)), SelectionMode::Preserve).is_err());
        // Arguments past the end are the end.
        assert_eq!(range_text("ab", (0, 0), "!", Some((9, 99)), SelectionMode::Start).unwrap(), ("ab!".into(), 2, 2));
    }
}
