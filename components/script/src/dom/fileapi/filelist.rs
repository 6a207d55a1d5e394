//! `FileList` (<https://w3c.github.io/FileAPI/#filelist-section>): the selected files of an
//! `<input type=file>`. A headless host has no file chooser, so a list holds the files a page
//! gave it (through `input.files = …`) or none.

use dom_struct::dom_struct;
use mozjs::context::JSContext;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::FileListBinding::FileListMethods;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::{Dom, DomRoot};
use crate::dom::fileapi::file::File;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct FileList {
    reflector_: Reflector,
    files: Vec<Dom<File>>,
}

impl FileList {
    pub fn new(cx: &mut JSContext, global: &Window, files: &[DomRoot<File>]) -> DomRoot<FileList> {
        let list =
            FileList { reflector_: Reflector::new(), files: files.iter().map(|f| Dom::from_ref(&**f)).collect() };
        reflect_dom_object(cx, Box::new(list), global)
    }

    /// The number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl FileListMethods for FileList {
    /// <https://w3c.github.io/FileAPI/#dfn-length>: "return the number of files in the FileList
    /// object. If there are no files, this attribute must return 0."
    fn Length(&self, _cx: &mut JSContext) -> u32 {
        self.files.len() as u32
    }

    /// <https://w3c.github.io/FileAPI/#dfn-item>: "return the indexth File object in the
    /// FileList. If there is no indexth File object in the FileList, then this method must
    /// return null."
    fn Item(&self, _cx: &mut JSContext, index: u32) -> Option<DomRoot<File>> {
        self.files.get(index as usize).map(|file| file.as_rooted())
    }
}
