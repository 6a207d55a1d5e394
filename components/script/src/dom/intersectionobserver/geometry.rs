//! The DOM-free part of the Intersection Observer processing model: parsing and serializing
//! root and scroll margins, and computing one target's intersection with its root.

/// One side of a margin: a length in CSS pixels or a percentage of the root's size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MarginValue {
    Px(f64),
    Percent(f64),
}

/// A rectangle in CSS pixels (x, y, width, height).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// <https://w3c.github.io/IntersectionObserver/#parse-a-margin>: top, right, bottom, left.
pub fn parse_margin(text: &str) -> Option<[MarginValue; 4]> {
    // 1–2. Parse a list of component values; remove all whitespace tokens.
    let tokens: Vec<&str> = text.split_ascii_whitespace().collect();
    // 3. If there are more than 4 elements in tokens, return failure.
    if tokens.len() > 4 {
        return None;
    }
    // 4. If there are no elements in tokens, set tokens to ["0px"].
    let tokens = if tokens.is_empty() { vec!["0px"] } else { tokens };
    // 5. Replace each token in tokens: an absolute length dimension token becomes the
    //    equivalent pixel length; a <percentage> token stays; otherwise, return failure.
    let values: Vec<MarginValue> = tokens.iter().map(|t| parse_value(t)).collect::<Option<_>>()?;
    // 6. Expand to four values as the margin shorthand does.
    Some(match values[..] {
        [a] => [a, a, a, a],
        [a, b] => [a, b, a, b],
        [a, b, c] => [a, b, c, b],
        [a, b, c, d] => [a, b, c, d],
        _ => return None,
    })
}

fn parse_value(token: &str) -> Option<MarginValue> {
    if let Some(number) = token.strip_suffix('%') {
        return parse_number(number).map(MarginValue::Percent);
    }
    let split = token.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = token.split_at(split);
    let number = parse_number(number)?;
    // The absolute length units (CSS Values 4), in CSS pixels.
    let px_per_unit = match unit.to_ascii_lowercase().as_str() {
        "px" => 1.0,
        "in" => 96.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        "q" => 96.0 / 101.6,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        _ => return None,
    };
    Some(MarginValue::Px(number * px_per_unit))
}

/// A CSS <number> (sign, digits, fraction, exponent).
fn parse_number(text: &str) -> Option<f64> {
    let valid = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'))
        && text.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The serialization of a margin the attributes return: each side "Npx" or "N%", joined by
/// spaces (always four, as Chromium gives them).
pub fn serialize_margin(margin: &[MarginValue; 4]) -> String {
    margin
        .iter()
        .map(|v| match v {
            MarginValue::Px(px) => format!("{}px", number(*px)),
            MarginValue::Percent(p) => format!("{}%", number(*p)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn number(value: f64) -> String {
    if value == value.trunc() && value.abs() < 1e15 { format!("{}", value as i64) } else { format!("{value}") }
}

/// `root` grown by `margin` (percentages of the root's width for left and right, of its height
/// for top and bottom): the root intersection rectangle.
pub fn apply_margin(root: Rect, margin: &[MarginValue; 4]) -> Rect {
    let resolve = |value: MarginValue, basis: f64| match value {
        MarginValue::Px(px) => px,
        MarginValue::Percent(p) => p * basis / 100.0,
    };
    let top = resolve(margin[0], root.height);
    let right = resolve(margin[1], root.width);
    let bottom = resolve(margin[2], root.height);
    let left = resolve(margin[3], root.width);
    Rect {
        x: root.x - left,
        y: root.y - top,
        width: (root.width + left + right).max(0.0),
        height: (root.height + top + bottom).max(0.0),
    }
}

/// One target's state against its root
/// (<https://w3c.github.io/IntersectionObserver/#update-intersection-observations-algo>).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Intersection {
    pub intersection_rect: Rect,
    pub is_intersecting: bool,
    pub ratio: f64,
    pub threshold_index: i32,
}

/// Steps 6–11 for a target whose rectangle is `target` (`None`: not rendered, so it does not
/// intersect) against the root intersection rectangle `root`, with `thresholds` sorted.
pub fn compute(target: Option<Rect>, root: Rect, thresholds: &[f64]) -> Intersection {
    let (intersection_rect, is_intersecting, target_area) = match target {
        Some(t) => {
            // The intersection, edge-inclusive: "isIntersecting is true if targetRect and
            // rootBounds intersect or are edge-adjacent, even if the intersection has zero
            // area".
            let left = t.x.max(root.x);
            let right = (t.x + t.width).min(root.x + root.width);
            let top = t.y.max(root.y);
            let bottom = (t.y + t.height).min(root.y + root.height);
            if left <= right && top <= bottom {
                (Rect { x: left, y: top, width: right - left, height: bottom - top }, true, t.width * t.height)
            } else {
                (Rect::default(), false, t.width * t.height)
            }
        }
        None => (Rect::default(), false, 0.0),
    };
    // 10. If targetArea is non-zero, let intersectionRatio be intersectionArea divided by
    //     targetArea. Otherwise, let intersectionRatio be 1 if isIntersecting is true, or 0 if
    //     isIntersecting is false.
    let ratio = if target_area > 0.0 {
        (intersection_rect.width * intersection_rect.height / target_area).min(1.0)
    } else if is_intersecting {
        1.0
    } else {
        0.0
    };
    // 11. Set thresholdIndex to the index of the first entry in observer.thresholds whose
    //     value is greater than intersectionRatio, or the length of observer.thresholds if
    //     intersectionRatio is greater than or equal to the last entry in observer.thresholds.
    let threshold_index = thresholds.iter().position(|t| *t > ratio).unwrap_or(thresholds.len()) as i32;
    Intersection { intersection_rect, is_intersecting, ratio, threshold_index }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_parse_expand_and_serialize() {
        let m = parse_margin("10px 5%").unwrap();
        assert_eq!(serialize_margin(&m), "10px 5% 10px 5%");
        assert_eq!(serialize_margin(&parse_margin("").unwrap()), "0px 0px 0px 0px");
        assert_eq!(serialize_margin(&parse_margin("1in 2px 3px").unwrap()), "96px 2px 3px 2px");
        assert!(parse_margin("0").is_none(), "a bare number is not a length");
        assert!(parse_margin("1em").is_none(), "relative units are failures");
        assert!(parse_margin("1px 2px 3px 4px 5px").is_none());
        assert!(parse_margin("auto").is_none());
    }

    #[test]
    fn margins_grow_the_root() {
        let root = Rect { x: 0.0, y: 0.0, width: 800.0, height: 600.0 };
        let grown = apply_margin(root, &parse_margin("10px 10%").unwrap());
        assert_eq!(grown, Rect { x: -80.0, y: -10.0, width: 960.0, height: 620.0 });
    }

    #[test]
    fn intersections() {
        let root = Rect { x: 0.0, y: 0.0, width: 100.0, height: 100.0 };
        let half = compute(Some(Rect { x: 50.0, y: 0.0, width: 100.0, height: 10.0 }), root, &[0.0, 0.5, 1.0]);
        assert!(half.is_intersecting);
        assert_eq!(half.ratio, 0.5);
        assert_eq!(half.threshold_index, 2);
        let outside = compute(Some(Rect { x: 200.0, y: 0.0, width: 10.0, height: 10.0 }), root, &[0.0]);
        assert!(!outside.is_intersecting);
        assert_eq!((outside.ratio, outside.threshold_index), (0.0, 1));
        let edge = compute(Some(Rect { x: 100.0, y: 0.0, width: 10.0, height: 10.0 }), root, &[0.0]);
        assert!(edge.is_intersecting, "edge-adjacent counts");
        let empty = compute(Some(Rect { x: 5.0, y: 5.0, width: 0.0, height: 0.0 }), root, &[0.0]);
        assert_eq!((empty.is_intersecting, empty.ratio), (true, 1.0));
        assert!(!compute(None, root, &[0.0]).is_intersecting);
    }
}
