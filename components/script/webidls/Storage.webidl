// https://html.spec.whatwg.org/multipage/webstorage.html#the-storage-interface
// Storage is in memory, per origin and per engine: nothing persists after the host exits.

[Exposed=Window]
interface Storage {
  readonly attribute unsigned long length;
  DOMString? key(unsigned long index);
  getter DOMString? getItem(DOMString key);
  [Throws] setter undefined setItem(DOMString key, DOMString value);
  deleter undefined removeItem(DOMString key);
  undefined clear();
};

// https://html.spec.whatwg.org/multipage/webstorage.html#the-sessionstorage-attribute
partial interface Window {
  readonly attribute Storage sessionStorage;
  readonly attribute Storage localStorage;
};
