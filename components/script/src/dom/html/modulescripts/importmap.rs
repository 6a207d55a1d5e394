//! Import maps and module specifier resolution
//! (<https://html.spec.whatwg.org/multipage/webappapis.html#import-maps>,
//! <https://html.spec.whatwg.org/multipage/webappapis.html#resolve-a-module-specifier>).
//!
//! An import map is plain data (URLs and strings), so this file has no JS in it: the loader
//! parses `<script type="importmap">` text here and asks [`ImportMap::resolve`] for every
//! `import` and `import()`.

use serde_json::Value;
use url::Url;

/// A specifier map: keys with their resolution (`None` = blocked by a bad address), sorted so
/// that a longer key comes before any key it starts with ("sort in descending order by code
/// unit" in the spec; Rust's `str` order is by UTF-8 bytes, which orders code points the same
/// way for the comparisons the spec makes: equality and prefix).
pub type SpecifierMap = Vec<(String, Option<Url>)>;

/// <https://html.spec.whatwg.org/multipage/webappapis.html#import-map>
#[derive(Clone, Debug, Default)]
pub struct ImportMap {
    pub imports: SpecifierMap,
    /// Scope prefixes (serialized URLs) with their maps, sorted like a specifier map.
    pub scopes: Vec<(String, SpecifierMap)>,
}

/// Why an import map or a specifier is refused: the message of the `TypeError` the page sees.
#[derive(Debug, PartialEq)]
pub struct ResolveError(pub String);

/// <https://html.spec.whatwg.org/multipage/webappapis.html#resolving-a-url-like-module-specifier>
pub fn resolve_url_like(specifier: &str, base: &Url) -> Option<Url> {
    // 1. If specifier starts with "/", "./", or "../", then: parse it against baseURL.
    if specifier.starts_with('/') || specifier.starts_with("./") || specifier.starts_with("../") {
        return base.join(specifier).ok();
    }
    // 2. Let url be the result of URL parsing specifier (with no base URL).
    Url::parse(specifier).ok()
}

fn sort_descending<T>(entries: &mut [(String, T)]) {
    entries.sort_by(|a, b| b.0.cmp(&a.0));
}

impl ImportMap {
    /// <https://html.spec.whatwg.org/multipage/webappapis.html#parse-an-import-map-string>:
    /// the map, and the warnings the console should show; an `Err` is the `TypeError` (or, for
    /// text that is not JSON, the `SyntaxError` message) to report.
    pub fn parse(input: &str, base: &Url) -> Result<(ImportMap, Vec<String>), ResolveError> {
        let mut warnings = Vec::new();
        // 1. Let parsed be the result of parsing a JSON string to an Infra value given input.
        let parsed: Value = serde_json::from_str(input)
            .map_err(|e| ResolveError(format!("SyntaxError: Failed to parse import map: {e}")))?;
        // 2. If parsed is not an ordered map, then throw a TypeError.
        let Value::Object(parsed) = parsed else {
            return Err(ResolveError("TypeError: An import map must be a JSON object.".into()));
        };
        // 3–4. "imports": must be a map; sort and normalize it.
        let mut map = ImportMap::default();
        if let Some(imports) = parsed.get("imports") {
            let Value::Object(imports) = imports else {
                return Err(ResolveError("TypeError: The import map's \"imports\" must be a JSON object.".into()));
            };
            map.imports = sort_and_normalize_specifier_map(imports, base, &mut warnings);
        }
        // 5–6. "scopes": a map of maps.
        if let Some(scopes) = parsed.get("scopes") {
            let Value::Object(scopes) = scopes else {
                return Err(ResolveError("TypeError: The import map's \"scopes\" must be a JSON object.".into()));
            };
            map.scopes = sort_and_normalize_scopes(scopes, base, &mut warnings)?;
        }
        // 7–8. "integrity" is accepted (Aperture checks no integrity metadata).
        if let Some(integrity) = parsed.get("integrity")
            && !integrity.is_object()
        {
            return Err(ResolveError("TypeError: The import map's \"integrity\" must be a JSON object.".into()));
        }
        // 9. If parsed's keys contains any items besides "imports", "scopes", or "integrity",
        //    then the user agent should report a warning to the console.
        for key in parsed.keys() {
            if !matches!(key.as_str(), "imports" | "scopes" | "integrity") {
                warnings.push(format!("Ignored unknown key \"{key}\" in the import map."));
            }
        }
        Ok((map, warnings))
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#merge-existing-and-new-import-maps>,
    /// without the "resolved module set" pruning: a rule already in the global's map wins over
    /// a later map's rule for the same key.
    pub fn merge(&mut self, new: ImportMap) {
        for (prefix, scope) in new.scopes {
            match self.scopes.iter_mut().find(|(p, _)| *p == prefix) {
                Some((_, existing)) => merge_specifier_maps(existing, scope),
                None => self.scopes.push((prefix, scope)),
            }
        }
        sort_descending(&mut self.scopes);
        merge_specifier_maps(&mut self.imports, new.imports);
    }

    /// <https://html.spec.whatwg.org/multipage/webappapis.html#resolve-a-module-specifier>,
    /// steps 4 onwards, for a referrer whose base URL is `base`.
    pub fn resolve(&self, specifier: &str, base: &Url) -> Result<Url, ResolveError> {
        // 5. Let serializedBaseURL be baseURL, serialized.
        let serialized_base = base.as_str();
        // 6. Let asURL be the result of resolving a URL-like module specifier.
        let as_url = resolve_url_like(specifier, base);
        // 7. Let normalizedSpecifier be the serialization of asURL, if asURL is non-null;
        //    otherwise, specifier.
        let normalized = as_url.as_ref().map(|u| u.as_str().to_owned()).unwrap_or_else(|| specifier.to_owned());
        // 8. For each scopePrefix → scopeImports of importMap's scopes: if scopePrefix is
        //    serializedBaseURL, or if it ends with "/" and is a prefix of serializedBaseURL,
        //    then use scopeImports first.
        for (prefix, scope_imports) in &self.scopes {
            if (prefix == serialized_base || (prefix.ends_with('/') && serialized_base.starts_with(prefix.as_str())))
                && let Some(url) = resolve_imports_match(&normalized, as_url.as_ref(), scope_imports)?
            {
                return Ok(url);
            }
        }
        // 9. The top-level imports.
        if let Some(url) = resolve_imports_match(&normalized, as_url.as_ref(), &self.imports)? {
            return Ok(url);
        }
        // 11. If asURL is not null, return asURL. 12. Throw a TypeError.
        as_url.ok_or_else(|| {
            ResolveError(format!(
                "Failed to resolve module specifier \"{specifier}\". Relative references must start with \
                 either \"/\", \"./\", or \"../\"."
            ))
        })
    }
}

fn merge_specifier_maps(existing: &mut SpecifierMap, new: SpecifierMap) {
    for (key, value) in new {
        if !existing.iter().any(|(k, _)| *k == key) {
            existing.push((key, value));
        }
    }
    sort_descending(existing);
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#resolving-an-imports-match>
fn resolve_imports_match(
    normalized: &str,
    as_url: Option<&Url>,
    map: &SpecifierMap,
) -> Result<Option<Url>, ResolveError> {
    let blocked = |key: &str| ResolveError(format!("Import of \"{key}\" is blocked by the import map."));
    // 1. For each specifierKey → resolutionResult of specifierMap:
    for (key, resolution) in map {
        // 1.1. If specifierKey is normalizedSpecifier: null is a TypeError, else the result.
        if key == normalized {
            return resolution.clone().map(Some).ok_or_else(|| blocked(key));
        }
        // 1.2. If specifierKey ends with "/", normalizedSpecifier starts with it, and either
        //      asURL is null or asURL is special:
        if key.ends_with('/') && normalized.starts_with(key.as_str()) && as_url.is_none_or(is_special) {
            let Some(resolution) = resolution else { return Err(blocked(key)) };
            // 1.2.3. Let afterPrefix be the portion of normalizedSpecifier after specifierKey.
            let after_prefix = &normalized[key.len()..];
            // 1.2.5. Let url be the result of URL parsing afterPrefix with resolutionResult.
            let url = resolution.join(after_prefix).map_err(|_| blocked(normalized))?;
            // 1.2.7. If url's serialization does not start with resolutionResult's, throw
            //        (back-tracking above the prefix).
            if !url.as_str().starts_with(resolution.as_str()) {
                return Err(ResolveError(format!(
                    "Import of \"{normalized}\" back-tracks above its prefix \"{key}\" in the import map."
                )));
            }
            return Ok(Some(url));
        }
    }
    // 2. Return null.
    Ok(None)
}

fn is_special(url: &Url) -> bool {
    matches!(url.scheme(), "ftp" | "file" | "http" | "https" | "ws" | "wss")
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#sorting-and-normalizing-a-module-specifier-map>
fn sort_and_normalize_specifier_map(
    original: &serde_json::Map<String, Value>,
    base: &Url,
    warnings: &mut Vec<String>,
) -> SpecifierMap {
    let mut normalized: SpecifierMap = Vec::new();
    for (key, value) in original {
        // 1.1. Let normalizedSpecifierKey be the result of normalizing a specifier key.
        // (An empty key is a warning and is skipped.)
        if key.is_empty() {
            warnings.push("Ignored an empty specifier key in the import map.".into());
            continue;
        }
        let normalized_key = resolve_url_like(key, base).map(|u| u.as_str().to_owned()).unwrap_or_else(|| key.clone());
        // 1.3. If value is not a string, then: warn; set normalized[key] to null.
        let Value::String(address) = value else {
            warnings.push(format!("Ignored the import map's address for \"{key}\": it is not a string."));
            normalized.retain(|(k, _)| *k != normalized_key);
            normalized.push((normalized_key, None));
            continue;
        };
        // 1.4. Let addressURL be the result of resolving a URL-like module specifier.
        let address_url = resolve_url_like(address, base);
        let entry = match address_url {
            None => {
                warnings.push(format!("Ignored the import map's address \"{address}\" for \"{key}\": not a URL."));
                None
            }
            // 1.6. If specifierKey ends with "/", and the serialization of addressURL does
            //      not end with "/", then warn and set it to null.
            Some(url) if key.ends_with('/') && !url.as_str().ends_with('/') => {
                warnings.push(format!(
                    "Ignored the import map's address \"{address}\" for \"{key}\": a key ending with \"/\" \
                     needs an address ending with \"/\"."
                ));
                None
            }
            Some(url) => Some(url),
        };
        normalized.retain(|(k, _)| *k != normalized_key);
        normalized.push((normalized_key, entry));
    }
    // 2. Return the result of sorting in descending order normalized.
    sort_descending(&mut normalized);
    normalized
}

/// <https://html.spec.whatwg.org/multipage/webappapis.html#sorting-and-normalizing-scopes>
fn sort_and_normalize_scopes(
    original: &serde_json::Map<String, Value>,
    base: &Url,
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, SpecifierMap)>, ResolveError> {
    let mut normalized = Vec::new();
    for (prefix, potential) in original {
        // 1.1. If potentialSpecifierMap is not an ordered map, then throw a TypeError.
        let Value::Object(potential) = potential else {
            return Err(ResolveError(format!("TypeError: The import map's scope \"{prefix}\" must be a JSON object.")));
        };
        // 1.2. Let scopePrefixURL be the result of URL parsing scopePrefix with baseURL.
        let Ok(prefix_url) = base.join(prefix) else {
            warnings.push(format!("Ignored the import map's scope \"{prefix}\": not a URL."));
            continue;
        };
        let map = sort_and_normalize_specifier_map(potential, base, warnings);
        let key = prefix_url.as_str().to_owned();
        normalized.retain(|(k, _): &(String, SpecifierMap)| *k != key);
        normalized.push((key, map));
    }
    sort_descending(&mut normalized);
    Ok(normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://example.com/app/index.html").unwrap()
    }

    #[test]
    fn relative_and_absolute_specifiers_resolve_without_a_map() {
        let map = ImportMap::default();
        assert_eq!(map.resolve("./a.js", &base()).unwrap().as_str(), "https://example.com/app/a.js");
        assert_eq!(map.resolve("../b.js", &base()).unwrap().as_str(), "https://example.com/b.js");
        assert_eq!(map.resolve("/c.js", &base()).unwrap().as_str(), "https://example.com/c.js");
        assert_eq!(map.resolve("https://cdn.test/x.js", &base()).unwrap().as_str(), "https://cdn.test/x.js");
        let err = map.resolve("three", &base()).unwrap_err();
        assert!(err.0.contains("Relative references must start with"), "{}", err.0);
    }

    #[test]
    fn bare_specifiers_and_prefixes_map() {
        let (map, warnings) = ImportMap::parse(
            r#"{"imports": {"three": "./lib/three.module.js", "three/addons/": "./lib/addons/", "x/": "./nodir"}}"#,
            &base(),
        )
        .unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(map.resolve("three", &base()).unwrap().as_str(), "https://example.com/app/lib/three.module.js");
        assert_eq!(
            map.resolve("three/addons/controls/Orbit.js", &base()).unwrap().as_str(),
            "https://example.com/app/lib/addons/controls/Orbit.js"
        );
        assert!(map.resolve("x/y", &base()).is_err());
        assert!(map.resolve("three/addons/../../../../etc", &base()).is_err());
    }

    #[test]
    fn scopes_win_over_top_level_imports() {
        let (map, _) =
            ImportMap::parse(r#"{"imports": {"a": "/top.js"}, "scopes": {"/vendor/": {"a": "/scoped.js"}}}"#, &base())
                .unwrap();
        let vendor = Url::parse("https://example.com/vendor/lib.js").unwrap();
        assert_eq!(map.resolve("a", &vendor).unwrap().as_str(), "https://example.com/scoped.js");
        assert_eq!(map.resolve("a", &base()).unwrap().as_str(), "https://example.com/top.js");
    }

    #[test]
    fn bad_maps_are_type_errors_and_merge_keeps_the_first_rule() {
        assert!(ImportMap::parse("[]", &base()).is_err());
        assert!(ImportMap::parse(r#"{"imports": []}"#, &base()).is_err());
        assert!(ImportMap::parse("{not json", &base()).unwrap_err().0.starts_with("SyntaxError"));
        let (mut first, _) = ImportMap::parse(r#"{"imports": {"a": "/1.js"}}"#, &base()).unwrap();
        let (second, _) = ImportMap::parse(r#"{"imports": {"a": "/2.js", "b": "/b.js"}}"#, &base()).unwrap();
        first.merge(second);
        assert_eq!(first.resolve("a", &base()).unwrap().as_str(), "https://example.com/1.js");
        assert_eq!(first.resolve("b", &base()).unwrap().as_str(), "https://example.com/b.js");
    }
}
