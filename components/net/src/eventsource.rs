//! The event stream format of server-sent events
//! (<https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation>):
//! bytes in, events out, fed piece by piece as the body arrives. No DOM.

/// An event to dispatch.
#[derive(Clone, Debug, PartialEq)]
pub struct Dispatch {
    /// The event's type: "message" unless the stream named one.
    pub type_: String,
    pub data: String,
    /// The event source's last event ID string when the event was dispatched.
    pub last_event_id: String,
}

/// The interpretation of one event stream (one connection's body).
#[derive(Debug)]
pub struct Parser {
    /// "Streams must be decoded using the UTF-8 decode algorithm" (a leading BOM is dropped,
    /// invalid sequences become U+FFFD); a sequence may be split between two pieces.
    decoder: encoding_rs::Decoder,
    /// The line read so far.
    line: String,
    /// The last piece ended with CR: an LF at the start of the next one ends no line.
    after_cr: bool,
    data: String,
    event_type: String,
    last_event_id_buffer: String,
    /// The last event ID string (it outlives the connection: give it to the next parser).
    pub last_event_id: String,
    /// A reconnection time the stream set (`retry:`), in milliseconds.
    pub retry: Option<u64>,
}

impl Parser {
    /// A parser for a new connection of an event source whose last event ID string is
    /// `last_event_id`.
    pub fn new(last_event_id: String) -> Parser {
        Parser {
            decoder: encoding_rs::UTF_8.new_decoder_with_bom_removal(),
            line: String::new(),
            after_cr: false,
            data: String::new(),
            event_type: String::new(),
            last_event_id_buffer: last_event_id.clone(),
            last_event_id,
            retry: None,
        }
    }

    /// Interprets the next piece of the stream; returns the events it completed, in order.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Dispatch> {
        let mut text =
            String::with_capacity(self.decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len() * 3 + 4));
        let _ = self.decoder.decode_to_string(bytes, &mut text, false);
        let mut out = Vec::new();
        // "Lines must be separated by either a U+000D CARRIAGE RETURN U+000A LINE FEED (CRLF)
        // character pair, a single U+000A LINE FEED (LF) character, or a single U+000D
        // CARRIAGE RETURN (CR) character."
        for c in text.chars() {
            match c {
                '\n' if self.after_cr => self.after_cr = false,
                '\n' | '\r' => {
                    self.after_cr = c == '\r';
                    let line = std::mem::take(&mut self.line);
                    self.process_line(&line, &mut out);
                }
                _ => {
                    self.after_cr = false;
                    self.line.push(c);
                }
            }
        }
        out
    }

    fn process_line(&mut self, line: &str, out: &mut Vec<Dispatch>) {
        // "If the line is empty (a blank line): Dispatch the event, as defined below."
        if line.is_empty() {
            if let Some(event) = self.dispatch() {
                out.push(event);
            }
            return;
        }
        // "If the line starts with a U+003A COLON character (:): Ignore the line."
        if line.starts_with(':') {
            return;
        }
        // "If the line contains a U+003A COLON character (:): Collect the characters on the
        // line before the first U+003A COLON character (:), and let field be that string.
        // Collect the characters on the line after the first U+003A COLON character (:), and
        // let value be that string. If value starts with a U+0020 SPACE character, remove it
        // from value. [...] Otherwise, the string is not empty but does not contain a U+003A
        // COLON character (:): Process the field using the steps described below, using the
        // whole line as the field name, and the empty string as the field value."
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            // "Set the event type buffer to field value."
            "event" => self.event_type = value.to_owned(),
            // "Append the field value to the data buffer, then append a single U+000A LINE FEED
            // (LF) character to the data buffer."
            "data" => {
                self.data.push_str(value);
                self.data.push('\n');
            }
            // "If the field value does not contain U+0000 NULL, then set the last event ID
            // buffer to the field value. Otherwise, ignore the field."
            "id" if !value.contains('\0') => self.last_event_id_buffer = value.to_owned(),
            // "If the field value consists of only ASCII digits, then interpret the field value
            // as an integer in base ten, and set the event stream's reconnection time to that
            // integer. Otherwise, ignore the field."
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = Some(value.parse().unwrap_or(u64::MAX));
            }
            // "Otherwise: The field is ignored."
            _ => {}
        }
    }

    /// "Dispatch the event".
    fn dispatch(&mut self) -> Option<Dispatch> {
        // 1. Set the last event ID string of the event source to the value of the last event ID
        //    buffer.
        self.last_event_id = self.last_event_id_buffer.clone();
        // 2. If the data buffer is an empty string, set the data buffer and the event type
        //    buffer to the empty string and return.
        if self.data.is_empty() {
            self.event_type.clear();
            return None;
        }
        // 3. If the data buffer's last character is a U+000A LINE FEED (LF) character, then
        //    remove the last character from the data buffer.
        let mut data = std::mem::take(&mut self.data);
        if data.ends_with('\n') {
            data.pop();
        }
        // 4.–5. The event: type "message" unless the event type buffer has a value, the data,
        //    and the last event ID string.
        let type_ = std::mem::take(&mut self.event_type);
        // 6. Set the data buffer and the event type buffer to the empty string.
        Some(Dispatch {
            type_: if type_.is_empty() { "message".to_owned() } else { type_ },
            data,
            last_event_id: self.last_event_id.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(parser: &mut Parser, pieces: &[&[u8]]) -> Vec<(String, String, String)> {
        pieces.iter().flat_map(|p| parser.feed(p)).map(|d| (d.type_, d.data, d.last_event_id)).collect()
    }

    fn t(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.into(), b.into(), c.into())
    }

    #[test]
    fn fields_events_and_comments() {
        let mut p = Parser::new(String::new());
        let events = all(
            &mut p,
            &[b": comment\ndata: one\n\nevent: tick\ndata:two\ndata:  three\nid: 7\n\ndata\n\nretry: 1500\nretry: x\n"],
        );
        assert_eq!(events, vec![t("message", "one", ""), t("tick", "two\n three", "7"), t("message", "", "7")]);
        assert_eq!(p.retry, Some(1500));
    }

    #[test]
    fn line_endings_split_between_pieces() {
        let mut p = Parser::new(String::new());
        let events = all(&mut p, &[b"data: a\r", b"\ndata: b\r\r", b"data: c\n", b"\n"]);
        assert_eq!(events, vec![t("message", "a\nb", ""), t("message", "c", "")]);
    }

    #[test]
    fn utf8_split_bom_and_invalid_bytes() {
        let mut p = Parser::new(String::new());
        let events = all(&mut p, &[b"\xEF\xBB\xBFdata: \xC3", b"\xA9 \xFF\n\n"]);
        assert_eq!(events, vec![t("message", "\u{e9} \u{fffd}", "")]);
    }

    #[test]
    fn ids_without_data_and_null_ids() {
        let mut p = Parser::new("old".into());
        let events = all(&mut p, &[b"id: 1\n\nid: bad\0\ndata: x\n\nid\ndata: y\n\nid: 5\ndata: unfinished"]);
        assert_eq!(events, vec![t("message", "x", "1"), t("message", "y", "")]);
        assert_eq!(p.last_event_id, "");
    }

    #[test]
    fn an_event_type_without_data_is_forgotten() {
        let mut p = Parser::new(String::new());
        let events = all(&mut p, &[b"event: a\n\ndata: b\n\n"]);
        assert_eq!(events, vec![t("message", "b", "")]);
    }
}
