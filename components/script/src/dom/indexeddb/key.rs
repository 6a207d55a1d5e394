//! Keys, key ranges, key paths and key generators of the Indexed Database API, as plain data
//! (<https://w3c.github.io/IndexedDB/#key-construct>). Nothing here touches JavaScript values:
//! converting a value to a key and evaluating a key path on a value belong to the DOM side; these
//! types only hold and order what those steps produce, so they are unit-tested without a page.

use std::cmp::Ordering;

/// <https://w3c.github.io/IndexedDB/#key-construct>: "A key has an associated type which is one
/// of: number, date, string, binary, or array." Numbers and dates are never NaN (the conversion
/// steps reject NaN with a `DataError`), which is what makes the order below total.
#[derive(Clone, Debug)]
pub enum Key {
    Number(f64),
    /// Milliseconds since the epoch ("the key's value is the date's [[DateValue]]").
    Date(f64),
    /// UTF-16 code units: keys compare "code unit by code unit".
    String(Vec<u16>),
    /// "binary: the bytes held by the buffer source".
    Binary(Vec<u8>),
    Array(Vec<Key>),
}

impl Key {
    /// The least key (no key sorts before -Infinity): the start of a search among
    /// (key, primary key) pairs for the first pair with a given key.
    pub fn min() -> Key {
        Key::Number(f64::NEG_INFINITY)
    }

    /// The rank of a key's type in the comparison: "array" > "binary" > "string" > "date" >
    /// "number".
    fn type_rank(&self) -> u8 {
        match self {
            Key::Number(_) => 0,
            Key::Date(_) => 1,
            Key::String(_) => 2,
            Key::Binary(_) => 3,
            Key::Array(_) => 4,
        }
    }

    /// A string key from Rust text (tests and key path names).
    pub fn string(s: &str) -> Key {
        Key::String(s.encode_utf16().collect())
    }
}

/// <https://w3c.github.io/IndexedDB/#compare-two-keys>
pub fn compare_keys(a: &Key, b: &Key) -> Ordering {
    // 1-2. Let ta be the type of a, tb the type of b.
    // 3. If ta does not equal tb: if ta is array return 1; if tb is array return -1; if ta is
    //    binary return 1; if tb is binary return -1; if ta is string return 1; if tb is string
    //    return -1; if ta is date return 1; assert tb is date, return -1.
    if a.type_rank() != b.type_rank() {
        return a.type_rank().cmp(&b.type_rank());
    }
    // 4-5. Let va and vb be the values of a and b, then switch on ta.
    match (a, b) {
        // "number, date: If va is greater than vb, then return 1. If va is less than vb, then
        // return -1. Return 0."
        (Key::Number(va), Key::Number(vb)) | (Key::Date(va), Key::Date(vb)) => {
            va.partial_cmp(vb).unwrap_or(Ordering::Equal)
        }
        // "string: If va is code unit less than vb, then return -1. If vb is code unit less than
        // va, then return 1. Return 0."
        (Key::String(va), Key::String(vb)) => va.cmp(vb),
        // "binary: Let length be the lesser of va's length and vb's length … If va is less than
        // vb at the first differing byte return -1 … If va's length is less than vb's length,
        // then return -1 …". Lexicographic byte order is exactly that.
        (Key::Binary(va), Key::Binary(vb)) => va.cmp(vb),
        // "array: … Let c be the result of recursively comparing two keys with va[i] and vb[i].
        // If c is not 0, return c. … If va's length is less than vb's length, then return -1."
        (Key::Array(va), Key::Array(vb)) => {
            for (x, y) in va.iter().zip(vb.iter()) {
                let c = compare_keys(x, y);
                if c != Ordering::Equal {
                    return c;
                }
            }
            va.len().cmp(&vb.len())
        }
        _ => Ordering::Equal,
    }
}

impl PartialEq for Key {
    /// "A key a is equal to a key b if the result of comparing two keys with a and b is 0."
    fn eq(&self, other: &Key) -> bool {
        compare_keys(self, other) == Ordering::Equal
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        compare_keys(self, other)
    }
}

/// Why a key range could not be made: the steps throw a "DataError" DOMException.
#[derive(Debug, PartialEq)]
pub struct RangeDataError(pub &'static str);

/// <https://w3c.github.io/IndexedDB/#range-construct>: "A key range has an associated lower
/// bound (null or a key), upper bound (null or a key), lower open flag, and upper open flag."
#[derive(Clone, Debug, PartialEq)]
pub struct KeyRange {
    pub lower: Option<Key>,
    pub upper: Option<Key>,
    pub lower_open: bool,
    pub upper_open: bool,
}

impl KeyRange {
    /// "A key range containing only key has both lower and upper bound equal to key."
    pub fn only(key: Key) -> KeyRange {
        KeyRange { lower: Some(key.clone()), upper: Some(key), lower_open: false, upper_open: false }
    }

    /// The unbounded range ("an unbounded key range" — every key is in it).
    pub fn unbounded() -> KeyRange {
        KeyRange { lower: None, upper: None, lower_open: false, upper_open: false }
    }

    /// <https://w3c.github.io/IndexedDB/#dom-idbkeyrange-bound> steps 5-6: "If lower is greater
    /// than upper, throw a "DataError" DOMException. If lower and upper are equal, and either of
    /// lowerOpen and upperOpen is true, throw a "DataError" DOMException."
    pub fn bound(lower: Key, upper: Key, lower_open: bool, upper_open: bool) -> Result<KeyRange, RangeDataError> {
        match compare_keys(&lower, &upper) {
            Ordering::Greater => return Err(RangeDataError("The lower key is greater than the upper key.")),
            Ordering::Equal if lower_open || upper_open => {
                return Err(RangeDataError("The lower and upper keys are equal and one of the bounds is open."));
            }
            _ => {}
        }
        Ok(KeyRange { lower: Some(lower), upper: Some(upper), lower_open, upper_open })
    }

    /// <https://w3c.github.io/IndexedDB/#in>: "A key is in a key range range if both of the
    /// following conditions are fulfilled: The range's lower bound is null, or it is less than
    /// key, or it is both equal to key and the range's lower open flag is false. The range's
    /// upper bound is null, or it is greater than key, or it is both equal to key and the
    /// range's upper open flag is false."
    pub fn contains(&self, key: &Key) -> bool {
        let lower_ok = match &self.lower {
            None => true,
            Some(lower) => match compare_keys(lower, key) {
                Ordering::Less => true,
                Ordering::Equal => !self.lower_open,
                Ordering::Greater => false,
            },
        };
        let upper_ok = match &self.upper {
            None => true,
            Some(upper) => match compare_keys(upper, key) {
                Ordering::Greater => true,
                Ordering::Equal => !self.upper_open,
                Ordering::Less => false,
            },
        };
        lower_ok && upper_ok
    }
}

/// <https://w3c.github.io/IndexedDB/#key-path-construct>: "A key path is a string or list of
/// strings that defines how to extract a key from a value."
#[derive(Clone, Debug, PartialEq)]
pub enum KeyPath {
    String(String),
    Sequence(Vec<String>),
}

/// ECMAScript IdentifierName, approximated: `$`, `_` or a letter first, then those or digits.
/// FIXME: the spec names Unicode ID_Start/ID_Continue (plus ZWNJ/ZWJ) and escapes; letters and
/// numerals by Rust's `char` classes are close to that but not the same set.
fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return false };
    let start = |c: char| c == '$' || c == '_' || c.is_alphabetic();
    start(first) && chars.all(|c| start(c) || c.is_alphanumeric() || c == '\u{200C}' || c == '\u{200D}')
}

/// <https://w3c.github.io/IndexedDB/#valid-key-path>: "A valid key path is one of: An empty
/// string. An identifier … A string consisting of two or more identifiers separated by periods
/// (U+002E FULL STOP). A non-empty list containing only strings conforming to the above
/// requirements."
pub fn is_valid_key_path_string(s: &str) -> bool {
    s.is_empty() || s.split('.').all(is_identifier)
}

impl KeyPath {
    pub fn is_valid(&self) -> bool {
        match self {
            KeyPath::String(s) => is_valid_key_path_string(s),
            KeyPath::Sequence(list) => !list.is_empty() && list.iter().all(|s| is_valid_key_path_string(s)),
        }
    }

    /// The identifiers of a string key path, in order (the empty path has none: the value
    /// itself is the key).
    pub fn identifiers(path: &str) -> Vec<&str> {
        if path.is_empty() { Vec::new() } else { path.split('.').collect() }
    }
}

/// <https://w3c.github.io/IndexedDB/#key-generator-construct>: "The current number is always a
/// positive integer less than or equal to 2^53 (9007199254740992) + 1. The initial value … is 1."
#[derive(Clone, Debug, PartialEq)]
pub struct KeyGenerator {
    /// An integer: 2^53 + 1 is not a double, so it is kept as `u64`.
    pub current: u64,
}

const MAX_GENERATED: u64 = 9007199254740992;

impl Default for KeyGenerator {
    fn default() -> KeyGenerator {
        KeyGenerator { current: 1 }
    }
}

impl KeyGenerator {
    /// <https://w3c.github.io/IndexedDB/#generate-a-key>: "1. Let generator be store's key
    /// generator. 2. Let key be generator's current number. 3. If key is greater than 2^53
    /// (9007199254740992), then return failure. 4. Increase generator's current number by 1.
    /// 5. Return key." Failure is `None` (the caller's "ConstraintError").
    pub fn generate(&mut self) -> Option<f64> {
        let key = self.current;
        if key > MAX_GENERATED {
            return None;
        }
        self.current += 1;
        Some(key as f64)
    }

    /// <https://w3c.github.io/IndexedDB/#possibly-update-the-key-generator>: "1. If the type of
    /// key is not number, abort these steps. 2. Let value be the value of key. 3. Set value to
    /// the minimum of value and 2^53. 4. Set value to the largest integer not greater than
    /// value. 5. If value is greater than or equal to generator's current number, then set
    /// generator's current number to value + 1."
    pub fn possibly_update(&mut self, key: &Key) {
        let Key::Number(value) = key else { return };
        let value = value.min(MAX_GENERATED as f64).floor();
        // `current` is at most 2^53 + 1; when it is 2^53 + 1 no value (at most 2^53) reaches
        // it, and below that `current as f64` is exact.
        if self.current <= MAX_GENERATED && value >= self.current as f64 {
            self.current = value as u64 + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexeddb_key_types_order_array_binary_string_date_number() {
        let keys =
            [Key::Number(f64::INFINITY), Key::Date(-1.0), Key::string(""), Key::Binary(vec![]), Key::Array(vec![])];
        for w in keys.windows(2) {
            assert_eq!(compare_keys(&w[0], &w[1]), Ordering::Less, "{:?} < {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn indexeddb_key_values_compare_within_a_type() {
        assert_eq!(compare_keys(&Key::Number(-0.0), &Key::Number(0.0)), Ordering::Equal);
        assert_eq!(compare_keys(&Key::Number(f64::NEG_INFINITY), &Key::Number(-1e300)), Ordering::Less);
        // Code units, not code points: U+FF61 sorts after the surrogate pair of U+1F600.
        assert_eq!(compare_keys(&Key::string("\u{FF61}"), &Key::string("\u{1F600}")), Ordering::Greater);
        assert_eq!(compare_keys(&Key::string("a"), &Key::string("ab")), Ordering::Less);
        assert_eq!(compare_keys(&Key::Binary(vec![1, 2]), &Key::Binary(vec![1, 2, 0])), Ordering::Less);
        assert_eq!(compare_keys(&Key::Binary(vec![2]), &Key::Binary(vec![1, 255])), Ordering::Greater);
        let a = Key::Array(vec![Key::Number(1.0), Key::string("x")]);
        let b = Key::Array(vec![Key::Number(1.0), Key::Array(vec![])]);
        assert_eq!(compare_keys(&a, &b), Ordering::Less);
        assert_eq!(compare_keys(&Key::Array(vec![Key::Number(1.0)]), &a), Ordering::Less);
    }

    #[test]
    fn indexeddb_key_range_bound_checks_and_contains() {
        assert!(KeyRange::bound(Key::Number(2.0), Key::Number(1.0), false, false).is_err());
        assert!(KeyRange::bound(Key::Number(1.0), Key::Number(1.0), true, false).is_err());
        assert!(KeyRange::bound(Key::Number(1.0), Key::Number(1.0), false, false).is_ok());
        let r = KeyRange::bound(Key::Number(1.0), Key::Number(3.0), true, false).unwrap();
        assert!(!r.contains(&Key::Number(1.0)));
        assert!(r.contains(&Key::Number(2.0)));
        assert!(r.contains(&Key::Number(3.0)));
        assert!(!r.contains(&Key::string("2")));
        let lower_only = KeyRange { lower: Some(Key::string("b")), ..KeyRange::unbounded() };
        assert!(lower_only.contains(&Key::Array(vec![])));
        assert!(!lower_only.contains(&Key::string("a")));
        assert!(KeyRange::only(Key::Date(5.0)).contains(&Key::Date(5.0)));
        assert!(!KeyRange::only(Key::Date(5.0)).contains(&Key::Number(5.0)));
    }

    #[test]
    fn indexeddb_key_paths_valid_and_invalid() {
        for ok in ["", "a", "a.b.c", "$x", "_", "länge", "a1"] {
            assert!(is_valid_key_path_string(ok), "{ok}");
        }
        for bad in [".", "a.", ".a", "a..b", "1a", "a b", "a-b", "a[0]"] {
            assert!(!is_valid_key_path_string(bad), "{bad}");
        }
        assert!(!KeyPath::Sequence(vec![]).is_valid());
        assert!(KeyPath::Sequence(vec!["a".into(), "b.c".into()]).is_valid());
        assert!(!KeyPath::Sequence(vec!["a".into(), "b c".into()]).is_valid());
        assert_eq!(KeyPath::identifiers("a.b"), vec!["a", "b"]);
        assert!(KeyPath::identifiers("").is_empty());
    }

    #[test]
    fn indexeddb_key_generator_generates_and_follows_explicit_keys() {
        let mut g = KeyGenerator::default();
        assert_eq!(g.generate(), Some(1.0));
        assert_eq!(g.generate(), Some(2.0));
        g.possibly_update(&Key::Number(10.5));
        assert_eq!(g.generate(), Some(11.0));
        g.possibly_update(&Key::Number(3.0));
        g.possibly_update(&Key::string("100"));
        assert_eq!(g.generate(), Some(12.0));
        g.possibly_update(&Key::Number(1e300));
        assert_eq!(g.current, MAX_GENERATED + 1);
        assert_eq!(g.generate(), None);
    }
}
