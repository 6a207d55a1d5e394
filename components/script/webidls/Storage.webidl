// https://html.spec.whatwg.org/multipage/webstorage.html#the-storage-interface
// Not implemented: the named property getter/setter/deleter (`localStorage.key = value`;
// the bindings generator has no named properties yet), so use getItem()/setItem()/removeItem().
// Storage is in memory, per origin and per engine: nothing persists after the host exits.

[Exposed=Window]
interface Storage {
  readonly attribute unsigned long length;
  DOMString? key(unsigned long index);
  DOMString? getItem(DOMString key);
  [Throws] undefined setItem(DOMString key, DOMString value);
  undefined removeItem(DOMString key);
  undefined clear();
};

// https://html.spec.whatwg.org/multipage/webstorage.html#the-sessionstorage-attribute
partial interface Window {
  readonly attribute Storage sessionStorage;
  readonly attribute Storage localStorage;
};
