//! Fuzz target: the WebVTT parser (`components/webvtt`), a file given by any page's `<track>`,
//! on mutated WebVTT files, and the cue text parser on mutated cue texts.
//!
//! Checks, besides "no panic": every parsed cue's region index points into the regions, sizes
//! and positions stay percentages, and the cue text tree nests no deeper than the parser's
//! limit.

use fuzz_targets::{Bytes, fuzz, mutate_text};

const SEEDS: &[&str] = &[
    include_str!("../../tests/pages/resources/tracks/captions.vtt"),
    "WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n",
    "\u{feff}WEBVTT\tx\n\nREGION\nid:r\nwidth:50%\nlines:9\nregionanchor:0%,100%\nviewportanchor:10%,90%\nscroll:up\n\nid\n00:00:01.000 --> 00:00:02.000 region:r line:0%,center position:5%,line-right size:0% align:left\n<c.a.b>x</c><v V>y<lang en>z</lang></v><ruby>a<rt>b</ruby>&lt;&#x41;&nbsp<00:00:01.500>\n",
    "WEBVTT\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\nNOTE x\r\n\r\n00:00.000 --> 00:00.000 vertical:lr\r\n\r\n",
];

const TOKENS: &[&str] = &[
    "WEBVTT",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "-->",
    " --> ",
    "00:00.000",
    "00:00:00.000",
    "99:59:59.999",
    "60:00.000",
    "-1",
    "%",
    "50%",
    "101%",
    ",",
    ":",
    "line:",
    "position:",
    "size:",
    "align:",
    "vertical:",
    "region:",
    "REGION\n",
    "id:",
    "width:",
    "lines:",
    "regionanchor:",
    "viewportanchor:",
    "scroll:up",
    "NOTE",
    "STYLE",
    "<",
    ">",
    "</",
    "<c",
    "<v",
    "<lang",
    "<ruby>",
    "<rt>",
    "</rt>",
    ".",
    "&",
    ";",
    "&amp;",
    "&#",
    "&#x",
    "\u{0}",
    "\u{feff}",
    "\t",
    " ",
];

fn run(data: &[u8]) {
    let mut b = Bytes::new(data);
    let seed = b.pick(SEEDS);
    let text = mutate_text(seed, &mut b, TOKENS);
    if let Some(file) = webvtt::parse(text.as_bytes()) {
        for cue in &file.cues {
            if let Some(region) = cue.region {
                assert!(region < file.regions.len(), "{text:?}: a region index out of range");
            }
            assert!((0.0..=100.0).contains(&cue.size), "{text:?}: size {}", cue.size);
            let _ = webvtt::parse_cue_text(&cue.text);
        }
    }
    let nodes = webvtt::parse_cue_text(&text);
    assert!(depth(&nodes) <= 513, "{text:?}: the cue text tree is too deep");
}

fn depth(nodes: &[webvtt::CueNode]) -> usize {
    nodes
        .iter()
        .map(|n| match n {
            webvtt::CueNode::Element { children, .. } => 1 + depth(children),
            _ => 1,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn webvtt() {
    fuzz("webvtt", run);
}
