//! Unit tests of the file parser and of the cue text parsing rules.

use crate::*;

const TIMING: &str = "00:00:00.000 --> 00:00:01.000";

fn file(text: &str) -> ParsedFile {
    parse(text.as_bytes()).expect("the signature check passes")
}

fn cues(text: &str) -> Vec<Cue> {
    file(text).cues
}

/// The one cue of "WEBVTT\n\n<timing line><settings>\ntext".
fn cue_with_settings(settings: &str) -> Cue {
    let mut cues = cues(&format!("WEBVTT\n\n{TIMING} {settings}\ntext"));
    assert_eq!(cues.len(), 1, "{settings:?}");
    cues.remove(0)
}

/// A compact form of a cue text tree: `"text"`, `<?hh:mm:ss.ttt>` for timestamps, and
/// `tag.class[voice]{language}(children)` for internal node objects.
fn tree(text: &str) -> String {
    fn write(nodes: &[CueNode]) -> String {
        let nodes: Vec<String> = nodes
            .iter()
            .map(|node| match node {
                CueNode::Text(text) => format!("{text:?}"),
                CueNode::Timestamp(seconds) => format!("<?{}>", format_timestamp(*seconds)),
                CueNode::Element { kind, classes, annotation, language, children } => {
                    let tag = match kind {
                        ElementKind::Class => "c",
                        ElementKind::Italic => "i",
                        ElementKind::Bold => "b",
                        ElementKind::Underline => "u",
                        ElementKind::Ruby => "ruby",
                        ElementKind::RubyText => "rt",
                        ElementKind::Voice => "v",
                        ElementKind::Language => "lang",
                    };
                    let mut out = String::from(tag);
                    for class in classes {
                        out.push('.');
                        out.push_str(class);
                    }
                    if *kind == ElementKind::Voice {
                        out.push_str(&format!("[{annotation}]"));
                    }
                    if !language.is_empty() {
                        out.push_str(&format!("{{{language}}}"));
                    }
                    format!("{out}({})", write(children))
                }
            })
            .collect();
        nodes.join(" ")
    }
    write(&parse_cue_text(text))
}

// The signature.

#[test]
fn signature_failures() {
    for input in ["", "WEBVT", "webvtt", "WEBVTTX", "WEBVTT\x0C", "WEBVTT-\n", " WEBVTT", "\u{FEFF}\u{FEFF}WEBVTT"] {
        assert_eq!(parse(input.as_bytes()), None, "{input:?}");
    }
    // A NUL is a U+FFFD by the time the signature is checked.
    assert_eq!(parse(b"WEBVTT\0"), None);
}

#[test]
fn signature_alone_or_with_whitespace() {
    for input in ["WEBVTT", "WEBVTT\n", "WEBVTT ", "WEBVTT\t", "WEBVTT\r", "WEBVTT\r\n", "WEBVTT foo bar"] {
        assert_eq!(parse(input.as_bytes()), Some(ParsedFile::default()), "{input:?}");
    }
}

#[test]
fn byte_order_mark_is_skipped() {
    let parsed = parse(format!("\u{FEFF}WEBVTT\n\n{TIMING}\ntext").as_bytes()).unwrap();
    assert_eq!(parsed.cues.len(), 1);
    assert_eq!(parsed.cues[0].text, "text");
}

#[test]
fn header_lines_and_a_cue_without_blank_line() {
    // The header block ends at a line with "-->", which then starts the first cue.
    let cues = cues(&format!("WEBVTT\n{TIMING}\ntext"));
    assert_eq!(cues.len(), 1);
    assert_eq!((cues[0].start, cues[0].end, cues[0].text.as_str()), (0.0, 1.0, "text"));
    // Garbage in the header is ignored, up to the first blank line.
    let cues = self::cues(&format!("WEBVTT header\nfoobar\nREGION\nid:x\n\n{TIMING}\ntext"));
    assert_eq!(cues.len(), 1);
    assert_eq!(file(&format!("WEBVTT\nREGION\nid:x\n\n{TIMING} region:x\ntext")).regions, vec![]);
}

// Timings.

#[test]
fn timestamps_with_and_without_hours() {
    let cues = cues("WEBVTT\n\n01:02.500 --> 1:00:00.001\na\n\n60:00:00.000 --> 123:00:00.000\nb");
    assert_eq!((cues[0].start, cues[0].end), (62.5, 3600.001));
    assert_eq!((cues[1].start, cues[1].end), (216000.0, 442800.0));
    assert_eq!(parse_timestamp("00:00:59.999"), Some(59.999));
    assert_eq!(parse_timestamp("59:59.999"), Some(3599.999));
}

#[test]
fn timestamps_with_out_of_range_or_misshapen_fields_are_invalid() {
    for timestamp in [
        "00:00:60.000",
        "00:60:00.000",
        "00:60.000",
        "60:00.000",
        "00:00:00.0000",
        "00:00:00.00",
        "000:00.000",
        "00:000:00.000",
        "00::00.000",
        "00:00:00..000",
        "00:00:00,000",
        "x00:00:00.000",
        "00:00:00.000x",
        "-00:00:00.000",
        "",
        "0",
        "00:00",
    ] {
        assert_eq!(parse_timestamp(timestamp), None, "{timestamp:?}");
        assert!(cues(&format!("WEBVTT\n\n{timestamp} --> 00:00:01.000\ntext")).is_empty(), "{timestamp:?}");
    }
    // A three-digit first field is the hours.
    assert_eq!(parse_timestamp("000:00:00.000"), Some(0.0));
    // Too large to be a finite number of seconds.
    assert_eq!(parse_timestamp(&format!("{}:00:00.000", "9".repeat(400))), None);
}

#[test]
fn end_before_start_is_kept() {
    let cues = cues("WEBVTT\n\n00:01:00.000 --> 00:00:59.999\ntext");
    assert_eq!((cues[0].start, cues[0].end), (60.0, 59.999));
}

#[test]
fn malformed_arrows_and_truncated_timing_lines() {
    for line in [
        "00:00:00.000 -a -->",
        "00:00:00.000 -- > 00:00:01.000 -->",
        "00:00:00.000 --> ",
        "00:00:00.000 -->",
        "00:00:00.000 -->x 00:00:01.000",
        "-->",
    ] {
        assert!(cues(&format!("WEBVTT\n\n{line}\ntext")).is_empty(), "{line:?}");
    }
    // Whitespace around the arrow: spaces, tabs and form feeds, not vertical tabs.
    assert_eq!(cues("WEBVTT\n\n \t\x0C00:00:00.000\t\x0C-->  00:00:01.000 \ntext").len(), 1);
    assert!(cues("WEBVTT\n\n00:00:00.000\x0B-->\x0B00:00:01.000\ntext").is_empty());
    // Trailing junk after the end time is a (bad) setting, not an error.
    assert_eq!(cues("WEBVTT\n\n00:00:00.000 --> 00:00:01.000x\ntext").len(), 1);
}

#[test]
fn format_timestamps() {
    assert_eq!(format_timestamp(0.0), "00:00:00.000");
    assert_eq!(format_timestamp(0.5), "00:00:00.500");
    assert_eq!(format_timestamp(3661.5), "01:01:01.500");
    assert_eq!(format_timestamp(3599.999), "00:59:59.999");
    assert_eq!(format_timestamp(360_000.0), "100:00:00.000");
    assert_eq!(format_timestamp(-1.0), "00:00:00.000");
    assert_eq!(format_timestamp(f64::NAN), "00:00:00.000");
    for text in ["00:00:00.001", "12:34:56.789", "1234:00:00.000"] {
        assert_eq!(parse_timestamp(text).map(format_timestamp).as_deref(), Some(text));
    }
}

// Cue settings.

#[test]
fn defaults() {
    let cue = cue_with_settings("");
    assert_eq!(cue, Cue { end: 1.0, text: "text".into(), ..Cue::default() });
    assert!(cue.snap_to_lines);
    assert_eq!((cue.line, cue.position, cue.size), (None, None, 100.0));
    assert_eq!(
        (cue.line_align, cue.position_align, cue.text_align),
        (LineAlign::Start, PositionAlign::Auto, TextAlign::Center)
    );
    assert_eq!(
        Region::default(),
        Region {
            id: String::new(),
            width: 100.0,
            lines: 3,
            region_anchor: (0.0, 100.0),
            viewport_anchor: (0.0, 100.0),
            scroll_up: false
        }
    );
}

#[test]
fn vertical_setting() {
    assert_eq!(cue_with_settings("vertical:rl").vertical, Vertical::Rl);
    assert_eq!(cue_with_settings("vertical:lr").vertical, Vertical::Lr);
    assert_eq!(cue_with_settings("vertical:rl vertical:lr").vertical, Vertical::Lr);
    for invalid in ["vertical:", "vertical:RL", "vertical: rl", "vertical:vertical-rl", "Vertical:rl"] {
        assert_eq!(cue_with_settings(invalid).vertical, Vertical::Horizontal, "{invalid:?}");
    }
}

#[test]
fn line_setting_numbers() {
    for (setting, line) in [
        ("line:-1", -1.0),
        ("line:0", 0.0),
        ("line:101", 101.0),
        ("line:1.5", 1.5),
        ("line:4294967296", 4294967296.0),
        ("line:10000000000000000000000000000000000", 1e34),
    ] {
        let cue = cue_with_settings(setting);
        assert_eq!(cue.line, Some(line), "{setting:?}");
        assert!(cue.snap_to_lines, "{setting:?}");
    }
    // -0 is 0, not negative zero.
    assert!(cue_with_settings("line:-0").line.is_some_and(|line| line == 0.0 && line.is_sign_positive()));
    // The largest finite double, and beyond.
    assert_eq!(cue_with_settings(&format!("line:17976931348623157{}", "0".repeat(292))).line, Some(f64::MAX));
    assert_eq!(cue_with_settings(&format!("line:18{}", "0".repeat(307))).line, None);
    for invalid in [
        "line:",
        "line:x",
        "line:1.",
        "line:.5",
        "line:1-",
        "line:--1",
        "line:1.2.3",
        "line:-.5",
        "line:+1",
        "line:1e3",
    ] {
        assert_eq!(cue_with_settings(invalid).line, None, "{invalid:?}");
    }
}

#[test]
fn line_setting_percentages_and_alignment() {
    let cue = cue_with_settings("line:0%,center");
    assert_eq!((cue.line, cue.snap_to_lines, cue.line_align), (Some(0.0), false, LineAlign::Center));
    let cue = cue_with_settings("line:100%,end");
    assert_eq!((cue.line, cue.snap_to_lines, cue.line_align), (Some(100.0), false, LineAlign::End));
    let cue = cue_with_settings("line:50%,start");
    assert_eq!((cue.line, cue.line_align), (Some(50.0), LineAlign::Start));
    let cue = cue_with_settings("line:1,end");
    assert_eq!((cue.line, cue.snap_to_lines, cue.line_align), (Some(1.0), true, LineAlign::End));
    for invalid in
        ["line:101%", "line:-0%", "line:65536%", "line:1%-", "line:%1", "line:1%%", "line:0%,middle", "line:0%,"]
    {
        let cue = cue_with_settings(invalid);
        assert_eq!((cue.line, cue.snap_to_lines, cue.line_align), (None, true, LineAlign::Start), "{invalid:?}");
    }
}

#[test]
fn position_setting() {
    for (setting, position, align) in [
        ("position:1%", 1.0, PositionAlign::Auto),
        ("position:100%", 100.0, PositionAlign::Auto),
        ("position:1.5%", 1.5, PositionAlign::Auto),
        ("position:1%,line-left", 1.0, PositionAlign::LineLeft),
        ("position:1%,center", 1.0, PositionAlign::Center),
        ("position:1%,line-right", 1.0, PositionAlign::LineRight),
        ("position:1% ,center", 1.0, PositionAlign::Auto),
        ("position:1% position:x", 1.0, PositionAlign::Auto),
    ] {
        let cue = cue_with_settings(setting);
        assert_eq!((cue.position, cue.position_align), (Some(position), align), "{setting:?}");
    }
    for invalid in
        ["position:1%,middle", "position:1%, center", "position:-1%", "position:1", "position:101%", "position:1%x"]
    {
        let cue = cue_with_settings(invalid);
        assert_eq!((cue.position, cue.position_align), (None, PositionAlign::Auto), "{invalid:?}");
    }
}

#[test]
fn size_and_align_settings() {
    for (setting, size) in [
        ("size:0%", 0.0),
        ("size:00%", 0.0),
        ("size:1.5%", 1.5),
        ("size:1xx size:2%", 2.0),
        ("size:50% size:101%", 50.0),
    ] {
        assert_eq!(cue_with_settings(setting).size, size, "{setting:?}");
    }
    for invalid in ["size:", "size:x", "size:%", "size:1%%", "size:101%", "size:-3%", "size:50"] {
        assert_eq!(cue_with_settings(invalid).size, 100.0, "{invalid:?}");
    }
    for (value, align) in [
        ("start", TextAlign::Start),
        ("center", TextAlign::Center),
        ("end", TextAlign::End),
        ("left", TextAlign::Left),
        ("right", TextAlign::Right),
        ("middle", TextAlign::Center),
        ("END", TextAlign::Center),
    ] {
        assert_eq!(cue_with_settings(&format!("align:{value}")).text_align, align, "{value:?}");
    }
    assert_eq!(cue_with_settings("align:end align:bogus").text_align, TextAlign::End);
}

#[test]
fn several_settings_separated_by_whitespace() {
    let cue = cue_with_settings("align:start\tline:1%\x0Cvertical:lr  size:50% position:25% bogus foo:bar :x y:");
    assert_eq!(cue.text_align, TextAlign::Start);
    assert_eq!((cue.line, cue.snap_to_lines), (Some(1.0), false));
    assert_eq!((cue.vertical, cue.size, cue.position), (Vertical::Lr, 50.0, Some(25.0)));
}

// Regions.

const REGIONS: &str = "WEBVTT\n\nREGION\nid:foo width:40% lines:2\nregionanchor:10%,90% viewportanchor:5.5%,95%\nscroll:up\n\n\
                       REGION\nid:bar\n\nREGION\nid:foo\nlines:7\n\n";

#[test]
fn region_settings() {
    let parsed = file(REGIONS);
    assert_eq!(parsed.regions.len(), 3);
    assert_eq!(
        parsed.regions[0],
        Region {
            id: "foo".into(),
            width: 40.0,
            lines: 2,
            region_anchor: (10.0, 90.0),
            viewport_anchor: (5.5, 95.0),
            scroll_up: true
        }
    );
    assert_eq!(parsed.regions[1], Region { id: "bar".into(), ..Region::default() });
}

#[test]
fn invalid_region_settings_keep_the_defaults() {
    let parsed = file(
        "WEBVTT\n\nREGION\nid:r width:101% width:x lines:-1 lines:1.5 lines: 1 regionanchor:0,0 regionanchor:1% \
         viewportanchor:0%,0 viewportanchor:50%,101% scroll:down scroll:UP Scroll:up\n",
    );
    assert_eq!(parsed.regions, vec![Region { id: "r".into(), ..Region::default() }]);
}

#[test]
fn region_lines_saturate() {
    let parsed = file("WEBVTT\n\nREGION\nlines:0\n\nREGION\nlines:4294967295\n\nREGION\nlines:18446744073709552000\n");
    let lines: Vec<u32> = parsed.regions.iter().map(|region| region.lines).collect();
    assert_eq!(lines, [0, u32::MAX, u32::MAX]);
}

#[test]
fn cue_region_is_the_last_region_with_that_id() {
    let parsed = file(&format!(
        "{REGIONS}{TIMING} region:foo\na\n\n{TIMING} region:bar\nb\n\n{TIMING} region:foo region:bar\nc\n\n\
         {TIMING} region:none\nd\n\n{TIMING} region:bar region:none\ne\n\n{TIMING} region: foo\nf"
    ));
    let regions: Vec<Option<usize>> = parsed.cues.iter().map(|cue| cue.region).collect();
    assert_eq!(regions, [Some(2), Some(1), Some(1), None, None, None]);
    assert_eq!(parsed.regions[2].lines, 7);
}

#[test]
fn vertical_line_and_size_take_a_cue_out_of_its_region() {
    let parsed = file(&format!(
        "{REGIONS}{TIMING} region:bar vertical:rl\na\n\n{TIMING} region:bar line:0\nb\n\n{TIMING} region:bar size:50%\nc\n\n\
         {TIMING} region:bar size:100% line:x vertical:x position:10% align:end\nd\n\n{TIMING} size:50% region:bar\ne"
    ));
    let regions: Vec<Option<usize>> = parsed.cues.iter().map(|cue| cue.region).collect();
    // The settings apply in order: a region setting after a size one sets the region again.
    assert_eq!(regions, [None, None, None, Some(1), Some(1)]);
}

#[test]
fn regions_only_before_the_first_cue() {
    let parsed =
        file(&format!("WEBVTT\n\n{TIMING}\ntext\n\nREGION\nid:late\n\nSTYLE\n::cue {{}}\n\n{TIMING} region:late\nb"));
    assert!(parsed.regions.is_empty());
    assert_eq!(parsed.cues.len(), 2);
    assert_eq!(parsed.cues[1].region, None);
}

#[test]
fn region_block_edge_cases() {
    // A second "REGION" line is just a (bad) setting; a line with "-->" as the second line of
    // a region block makes it a failed cue block instead.
    let parsed = file(
        "WEBVTT\n\nREGION\nREGION\nid:jill\nlines:3\n\nREGION\nid:jack--> lines:5\n\nREGION   \nid:spaces\n\nREGIONS\nid:no\n\n\
         REGION\n--->\nid:no\n",
    );
    let ids: Vec<&str> = parsed.regions.iter().map(|region| region.id.as_str()).collect();
    assert_eq!(ids, ["jill", "spaces"]);
    assert_eq!(parsed.regions[0].lines, 3);
    assert!(parsed.cues.is_empty());
}

#[test]
fn old_header_region_syntax_is_ignored() {
    let parsed = file(&format!("WEBVTT\nRegion: id=foo width=40% lines=3\n\n{TIMING} region:foo\ntext"));
    assert!(parsed.regions.is_empty());
    assert_eq!(parsed.cues[0].region, None);
}

// Blocks, identifiers and cue text.

#[test]
fn identifiers() {
    let cues = cues(&format!(
        "WEBVTT\n\n leading space\n{TIMING}\na\n\ntrailing space \n{TIMING}\nb\n\n-- >\n{TIMING}\nc\n\n->\n{TIMING}\nd\n\n \n{TIMING}\ne"
    ));
    let ids: Vec<&str> = cues.iter().map(|cue| cue.id.as_str()).collect();
    assert_eq!(ids, [" leading space", "trailing space ", "-- >", "->", " "]);
}

#[test]
fn a_line_with_an_arrow_is_never_an_identifier() {
    // An identifier line containing "-->" is taken as a (failed) timing line, and the real
    // timing line then starts the next block.
    for first in ["-->", "foo-->", "-->foo", "--->", "-->-->"] {
        let cues = cues(&format!("WEBVTT\n\n{first}\n{TIMING}\ntext"));
        assert_eq!(cues.len(), 1, "{first:?}");
        assert_eq!((cues[0].id.as_str(), cues[0].text.as_str()), ("", "text"), "{first:?}");
    }
}

#[test]
fn a_line_with_an_arrow_ends_the_cue_text() {
    let cues = cues(&format!(
        "WEBVTT\n\nid\n{TIMING}\nline 1\nline 2\n00:00:02.000 --> 00:00:03.000\nnext\n\n\nlast\n{TIMING}"
    ));
    assert_eq!(cues.len(), 3);
    assert_eq!((cues[0].id.as_str(), cues[0].text.as_str()), ("id", "line 1\nline 2"));
    assert_eq!((cues[1].id.as_str(), cues[1].text.as_str(), cues[1].start), ("", "next", 2.0));
    assert_eq!((cues[2].id.as_str(), cues[2].text.as_str()), ("last", ""));
}

#[test]
fn blank_lines_notes_styles_and_junk_between_cues() {
    let cues = cues(&format!(
        "WEBVTT\n\n\n\nNOTE a comment\n-- > still one\n\nSTYLE\n::cue {{ color: red }}\n\njunk\nmore junk\n\n\
         {TIMING}\nNOTE text\n\n\n\n{TIMING}\n   text\n\nNOTE a comment can't hold an arrow\n{TIMING} settings\n"
    ));
    assert_eq!(cues.len(), 3);
    assert_eq!(cues[0].text, "NOTE text");
    assert_eq!(cues[1].text, "   text");
    assert_eq!((cues[2].id.as_str(), cues[2].text.as_str()), ("NOTE a comment can't hold an arrow", ""));
}

#[test]
fn newlines_cr_lf_crlf() {
    let cues = cues(
        "WEBVTT\r\rcr\r00:00:00.000 --> 00:00:01.000\rtext0\n\nlf\n00:00:00.000 --> 00:00:01.000\ntext1\r\n\r\n\
              crlf\r\n00:00:00.000 --> 00:00:01.000\r\na\r\nb\n\r\nlfcr\r00:00:00.000 --> 00:00:01.000\ntext3\n\r",
    );
    let cues: Vec<(&str, &str)> = cues.iter().map(|cue| (cue.id.as_str(), cue.text.as_str())).collect();
    assert_eq!(cues, [("cr", "text0"), ("lf", "text1"), ("crlf", "a\nb"), ("lfcr", "text3")]);
}

#[test]
fn nuls_and_invalid_utf8_become_replacement_characters() {
    let parsed = parse(
        b"WEBVTT\n\n\0 id\n00:00:00.000 --> 00:00:01.000 align:end\0\n\0text\xFF\xC3\n\n\
                         00:00:00.000 --> 00:00:01.000\0 align:end\nb\n\n00:00:00\0.000 --> 00:00:01.000\nc",
    )
    .unwrap();
    assert_eq!(parsed.cues.len(), 2);
    assert_eq!(parsed.cues[0].id, "\u{FFFD} id");
    assert_eq!(parsed.cues[0].text, "\u{FFFD}text\u{FFFD}\u{FFFD}");
    assert_eq!(parsed.cues[0].text_align, TextAlign::Center);
    assert_eq!(parsed.cues[1].text_align, TextAlign::End);
}

#[test]
fn cue_at_end_of_file_without_newline() {
    let cues = cues(&format!("WEBVTT\n\n{TIMING}"));
    assert_eq!(cues.len(), 1);
    assert_eq!(cues[0].text, "");
}

// Cue text.

#[test]
fn cue_text_plain() {
    assert_eq!(tree("text"), r#""text""#);
    assert_eq!(tree("text1\ntext2"), r#""text1\ntext2""#);
    assert_eq!(tree("\u{2713}"), "\"\u{2713}\"");
    assert_eq!(tree(""), "");
}

#[test]
fn cue_text_named_character_references() {
    for (input, output) in [
        ("&", "&"),
        ("&amp", "&"),
        ("&amp;", "&"),
        ("&AMP;", "&"),
        ("&lt;&gt;", "<>"),
        ("a&lrm;b", "a\u{200E}b"),
        ("&nbsp;&copy;", "\u{A0}\u{A9}"),
        ("&&", "&&"),
        ("&1;", "&1;"),
        ("&;", "&;"),
        ("& amp;", "& amp;"),
        ("&ClockwiseContourIntegral;", "\u{2232}"),
        ("&nsubE;", "\u{2AC5}\u{338}"),
        ("&notin;", "\u{2209}"),
        ("&not", "\u{AC}"),
        ("&notit;", "\u{AC}it;"),
        ("&bogus;", "&bogus;"),
    ] {
        assert_eq!(parse_cue_text(input), vec![CueNode::Text(output.into())], "{input:?}");
    }
    // "&<" is an "&" and the start of a tag.
    assert_eq!(tree("&<"), r#""&""#);
    assert_eq!(tree("&<c"), r#""&" c()"#);
}

#[test]
fn cue_text_numeric_character_references() {
    for (input, output) in [
        ("&#32;", " "),
        ("&#x20;", " "),
        ("&#X41;B", "AB"),
        ("&#65", "A"),
        ("&#0;", "\u{FFFD}"),
        ("&#x80;", "\u{20AC}"),
        ("&#x81;", "\u{81}"),
        ("&#xD800;", "\u{FFFD}"),
        ("&#x110000;", "\u{FFFD}"),
        ("&#99999999999999999999;", "\u{FFFD}"),
        ("&#;", "&#;"),
        ("&#x;", "&#x;"),
        ("&#xg;", "&#xg;"),
    ] {
        assert_eq!(parse_cue_text(input), vec![CueNode::Text(output.into())], "{input:?}");
    }
}

#[test]
fn cue_text_tags_classes_and_annotations() {
    assert_eq!(tree("a<c.d e>b</c>c"), r#""a" c.d("b") "c""#);
    assert_eq!(tree("a<i.d e>b</i>c"), r#""a" i.d("b") "c""#);
    assert_eq!(tree("<b.x.y>bold</b><u>under"), r#"b.x.y("bold") u("under")"#);
    assert_eq!(tree("<c.>x"), r#"c("x")"#);
    assert_eq!(tree("<c..a.>x"), r#"c.a("x")"#);
    assert_eq!(tree("<v>test"), r#"v[]("test")"#);
    assert_eq!(tree("<v.a.b>test"), r#"v.a.b[]("test")"#);
    assert_eq!(tree("<v \t Esme  \n Weatherwax >hi</v>"), r#"v[Esme Weatherwax]("hi")"#);
    assert_eq!(tree("<v.loud\nName>x"), r#"v.loud[Name]("x")"#);
    assert_eq!(tree("<v a&amp;b &lt;&gt>x"), r#"v[a&b <>]("x")"#);
    // Unknown and empty tags are dropped; end tags for anything but current are ignored.
    assert_eq!(tree("<foo>a</foo><>b<"), r#""a" "b""#);
    assert_eq!(tree("<c>a</i></>b</c>c"), r#"c("a" "b") "c""#);
    assert_eq!(tree("<c></\nc>x"), r#"c("x")"#);
    assert_eq!(tree("<i><b>x</i>y</b>z"), r#"i(b("x" "y") "z")"#);
}

#[test]
fn cue_text_language_stack() {
    assert_eq!(tree("a<lang.d e>b</lang>c"), r#""a" lang.d{e}("b") "c""#);
    assert_eq!(
        tree("<lang en><b>x<lang fr>y<i>z</i></lang>w</b></lang><u>v"),
        r#"lang{en}(b{en}("x" lang{fr}("y" i{fr}("z")) "w")) u("v")"#
    );
    // "<lang>" pushes the empty string.
    assert_eq!(tree("<lang en><lang><c>x"), r#"lang{en}(lang(c("x")))"#);
    // An unclosed language object keeps its language for what follows it.
    assert_eq!(tree("<lang de>a</c><v>b"), r#"lang{de}("a" v[]{de}("b"))"#);
}

#[test]
fn cue_text_ruby() {
    assert_eq!(tree("<rt>test"), r#""test""#);
    assert_eq!(tree("a<ruby.f g>b<rt.h j>c</rt>d</ruby>e"), r#""a" ruby.f("b" rt.h("c") "d") "e""#);
    assert_eq!(tree("<ruby>test<rt>test</ruby>test"), r#"ruby("test" rt("test")) "test""#);
    assert_eq!(tree("<ruby>test<rt><b>test</rt></ruby>test"), r#"ruby("test" rt(b("test" "test")))"#);
    assert_eq!(tree("<ruby>test<rt><b>test</rt></b></ruby>test"), r#"ruby("test" rt(b("test"))) "test""#);
    assert_eq!(tree("<ruby>a<rt>b</rt><rt>c</rt></ruby>"), r#"ruby("a" rt("b") rt("c"))"#);
    assert_eq!(tree("<ruby><b><rt>x"), r#"ruby(b("x"))"#);
}

#[test]
fn cue_text_timestamps() {
    assert_eq!(tree("test<00:00:00.500>test"), r#""test" <?00:00:00.500> "test""#);
    assert_eq!(tree("<00:00.500"), "<?00:00:00.500>");
    assert_eq!(tree("<100:00:00.000>"), "<?100:00:00.000>");
    assert_eq!(parse_cue_text("<01:02.003>"), vec![CueNode::Timestamp(62.003)]);
    for invalid in ["<0", "<0.500", "<0:00.500", "<00:00:00.500 >", "<00:00.5000>", "<00:\u{FFFD}00:00.500>"] {
        assert_eq!(tree(invalid), "", "{invalid:?}");
    }
}

#[test]
fn cue_text_unclosed_tags() {
    assert_eq!(tree("<c>test"), r#"c("test")"#);
    assert_eq!(tree("<c.a.b foo"), "c.a.b()");
    assert_eq!(tree("<i>a<b>b<u>c"), r#"i("a" b("b" u("c")))"#);
    assert_eq!(tree("a</b"), r#""a""#);
}

#[test]
fn cue_text_deep_nesting_is_bounded() {
    let text = "<b>".repeat(100_000) + "x";
    let mut depth = 0;
    let mut nodes = parse_cue_text(&text);
    while let Some(CueNode::Element { children, .. }) = nodes.pop() {
        depth += 1;
        nodes = children;
    }
    assert_eq!(depth, 512);
}

// Robustness.

/// A small linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn fuzz_no_panics() {
    const SAMPLE: &str = "WEBVTT\n\nREGION\nid:r width:50% lines:2 regionanchor:0%,0% scroll:up\n\nSTYLE\n::cue {}\n\n\
                          id\n00:00:01.000 --> 00:00:02.500 region:r line:0%,center position:10%,line-left size:80% \
                          align:start vertical:rl\n<v.a Bob>Hi &amp; <c.x>there</c><00:00:02.000><ruby>a<rt>b</ruby>\
                          <lang en>&#x41;&notit;</lang>\n\nNOTE\n01:00.000 --> 02:00.000\n";
    const PIECES: &[&str] = &[
        "WEBVTT",
        "\n",
        "\r",
        "\r\n",
        " ",
        "\t",
        "-->",
        "-",
        ">",
        "<",
        "&",
        "&#",
        "&#x",
        ";",
        ":",
        ".",
        ",",
        "%",
        "0",
        "00",
        "59",
        "60",
        "000",
        "00:00",
        "00:00.000",
        "REGION",
        "STYLE",
        "id:",
        "region:",
        "line:",
        "size:",
        "position:",
        "vertical:",
        "align:",
        "lines:",
        "width:",
        "regionanchor:",
        "viewportanchor:",
        "scroll:up",
        "<c.",
        "<v ",
        "</",
        "<ruby>",
        "<rt>",
        "</ruby>",
        "<lang ",
        "</lang>",
        "\0",
        "\u{FEFF}",
        "é",
        "\u{FFFD}",
    ];
    let mut rng = Lcg(0x5EED);
    let mut nodes = 0;
    for _ in 0..3000 {
        let mut input: Vec<u8> = Vec::new();
        match rng.below(3) {
            // A truncated sample with a few bytes changed.
            0 => {
                input.extend_from_slice(&SAMPLE.as_bytes()[..rng.below(SAMPLE.len() + 1)]);
                for _ in 0..rng.below(4) {
                    let index = rng.below(input.len());
                    if let Some(byte) = input.get_mut(index) {
                        *byte = rng.next() as u8;
                    }
                }
            }
            // Syntax-heavy pieces.
            1 => {
                if rng.below(4) != 0 {
                    input.extend_from_slice(b"WEBVTT\n\n");
                }
                for _ in 0..rng.below(60) {
                    input.extend_from_slice(PIECES[rng.below(PIECES.len())].as_bytes());
                }
            }
            // Random bytes after a signature.
            _ => {
                input.extend_from_slice(b"WEBVTT\n");
                input.extend((0..rng.below(200)).map(|_| rng.next() as u8));
            }
        }
        if let Some(parsed) = parse(&input) {
            for cue in &parsed.cues {
                nodes += parse_cue_text(&cue.text).len();
                assert!(cue.region.is_none_or(|index| index < parsed.regions.len()));
                let _ = parse_timestamp(&cue.id);
                let _ = format_timestamp(cue.start);
            }
        }
        nodes += parse_cue_text(&String::from_utf8_lossy(&input)).len();
    }
    assert!(nodes > 0);
}

#[test]
fn huge_inputs_parse_in_linear_time() {
    // Many lines with arrows (each re-read at most once), many regions, long settings and
    // long runs in the cue text.
    let mut input = String::from("WEBVTT\n\n");
    for i in 0..20_000 {
        input.push_str(&format!("REGION\nid:r{i}\n\n"));
    }
    for _ in 0..20_000 {
        input.push_str("00:00:00.000 --> 00:00:01.000 region:r1 region:r19999\n-->\n");
    }
    input.push_str(&format!("00:00:00.000 --> 00:00:01.000 line:{}\n", "1".repeat(1_000_000)));
    let parsed = parse(input.as_bytes()).unwrap();
    assert_eq!(parsed.regions.len(), 20_000);
    assert_eq!(parsed.cues.len(), 20_001);
    assert_eq!(parsed.cues[0].region, Some(19_999));
    let text = "&#".repeat(100_000) + &"&notin".repeat(100_000) + "<c." + &"a.".repeat(100_000);
    assert!(!parse_cue_text(&text).is_empty());
}
