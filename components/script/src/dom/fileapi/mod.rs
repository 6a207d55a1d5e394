//! The File API (<https://w3c.github.io/FileAPI/>).

pub mod blob;
pub mod bloburl;
pub mod file;
pub mod filelist;
pub mod filereader;
pub mod filereadersync;
pub mod progressevent;
