//! `wpt-runner`: runs web-platform-tests in Aperture's headless host. See `wpt/README.md`.

pub mod cli;
pub mod discovery;
pub mod engine;
pub mod ini;
pub mod results;
pub mod run;
pub mod server;
pub mod status;
pub mod update;
pub mod wrapper;
