//! Test-only interfaces behind the `dom_testing_enabled` pref (the `apertureTest` hooks).

pub mod aperturetesthooks;
