// https://w3c.github.io/FileAPI/#file-section, #APIASynch, and
// https://xhr.spec.whatwg.org/#interface-progressevent

[Exposed=(Window,Worker)]
interface File : Blob {
  constructor(sequence<BlobPart> fileBits, USVString fileName, optional FilePropertyBag options = {});
  readonly attribute DOMString name;
  readonly attribute long long lastModified;
};

dictionary FilePropertyBag : BlobPropertyBag {
  long long lastModified;
};

[Exposed=(Window,Worker)]
interface FileReader : EventTarget {
  constructor();

  [Throws] undefined readAsArrayBuffer(Blob blob);
  [Throws] undefined readAsBinaryString(Blob blob);
  [Throws] undefined readAsText(Blob blob, optional DOMString encoding);
  [Throws] undefined readAsDataURL(Blob blob);

  undefined abort();

  const unsigned short EMPTY = 0;
  const unsigned short LOADING = 1;
  const unsigned short DONE = 2;

  readonly attribute unsigned short readyState;
  readonly attribute (DOMString or ArrayBuffer)? result;
  readonly attribute DOMException? error;

  attribute EventHandler onloadstart;
  attribute EventHandler onprogress;
  attribute EventHandler onload;
  attribute EventHandler onabort;
  attribute EventHandler onerror;
  attribute EventHandler onloadend;
};

[Exposed=(Window,Worker)]
interface ProgressEvent : Event {
  constructor(DOMString type, optional ProgressEventInit eventInitDict = {});

  readonly attribute boolean lengthComputable;
  readonly attribute double loaded;
  readonly attribute double total;
};

dictionary ProgressEventInit : EventInit {
  boolean lengthComputable = false;
  double loaded = 0;
  double total = 0;
};

// https://w3c.github.io/FileAPI/#FileReaderSync (shared workers are not supported, so only
// DedicatedWorker). readAsArrayBuffer() returns `object` (an ArrayBuffer): the generator has no
// synchronous ArrayBuffer return.
[Exposed=DedicatedWorker]
interface FileReaderSync {
  constructor();

  [Throws] object readAsArrayBuffer(Blob blob);
  DOMString readAsBinaryString(Blob blob);
  DOMString readAsText(Blob blob, optional DOMString encoding);
  DOMString readAsDataURL(Blob blob);
};

// https://w3c.github.io/FileAPI/#filelist-section (not [Serializable]: a FileList is not
// structured-cloneable here).
[Exposed=(Window,Worker)]
interface FileList {
  getter File? item(unsigned long index);
  readonly attribute unsigned long length;
};
