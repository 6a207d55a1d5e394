//! Preferences: named switches (`--pref name=value` on the command line).
//! `[Pref=name]` in WebIDL names one of them; Bindings.toml lists them.

use std::collections::BTreeMap;

/// Boolean prefs and their values.
#[derive(Clone, Debug, Default)]
pub struct Prefs {
    values: BTreeMap<String, bool>,
}

/// Every pref and its default.
pub const DEFAULTS: &[(&str, bool)] = &[("dom_testing_enabled", false)];

impl Prefs {
    pub fn new() -> Prefs {
        Prefs { values: DEFAULTS.iter().map(|(k, v)| (k.to_string(), *v)).collect() }
    }

    /// Sets `name` from a command-line value ("true"/"false"/"1"/"0").
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        if !self.values.contains_key(name) {
            let known: Vec<&str> = DEFAULTS.iter().map(|(k, _)| *k).collect();
            return Err(format!("unknown pref '{name}' (known: {})", known.join(", ")));
        }
        let v = match value {
            "true" | "1" | "on" | "yes" => true,
            "false" | "0" | "off" | "no" => false,
            other => return Err(format!("pref '{name}' takes true or false, not '{other}'")),
        };
        self.values.insert(name.to_string(), v);
        Ok(())
    }

    pub fn get_bool(&self, name: &str) -> bool {
        self.values.get(name).copied().unwrap_or(false)
    }
}
