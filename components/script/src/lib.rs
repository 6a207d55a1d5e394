pub use mozjs;
