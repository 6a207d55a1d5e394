// Indexed Database API 3.0 (https://w3c.github.io/IndexedDB/), implemented in
// components/script/src/dom/indexeddb/. Databases live in memory, per origin and per engine,
// on the script thread (nothing persists after the host exits). Exposed to windows only:
// dedicated workers run on their own threads and do not share the window's databases yet.

// https://w3c.github.io/IndexedDB/#idbrequest
[Exposed=Window]
interface IDBRequest : EventTarget {
  [Throws] readonly attribute any result;
  [Throws] readonly attribute DOMException? error;
  readonly attribute (IDBObjectStore or IDBIndex or IDBCursor)? source;
  readonly attribute IDBTransaction? transaction;
  readonly attribute IDBRequestReadyState readyState;

  attribute EventHandler onsuccess;
  attribute EventHandler onerror;
};

enum IDBRequestReadyState { "pending", "done" };

// https://w3c.github.io/IndexedDB/#idbopendbrequest
[Exposed=Window]
interface IDBOpenDBRequest : IDBRequest {
  attribute EventHandler onblocked;
  attribute EventHandler onupgradeneeded;
};

// https://w3c.github.io/IndexedDB/#idbversionchangeevent
[Exposed=Window]
interface IDBVersionChangeEvent : Event {
  constructor(DOMString type, optional IDBVersionChangeEventInit eventInitDict = {});
  readonly attribute unsigned long long oldVersion;
  readonly attribute unsigned long long? newVersion;
};

dictionary IDBVersionChangeEventInit : EventInit {
  unsigned long long oldVersion = 0;
  unsigned long long? newVersion = null;
};

// https://w3c.github.io/IndexedDB/#factory-interface
partial interface Window {
  [SameObject] readonly attribute IDBFactory indexedDB;
};

[Exposed=Window]
interface IDBFactory {
  [NewObject, Throws] IDBOpenDBRequest open(DOMString name, optional [EnforceRange] unsigned long long version);
  [NewObject, Throws] IDBOpenDBRequest deleteDatabase(DOMString name);
  Promise<sequence<IDBDatabaseInfo>> databases();
  [Throws] short cmp(any first, any second);
};

dictionary IDBDatabaseInfo {
  DOMString name;
  unsigned long long version;
};

// https://w3c.github.io/IndexedDB/#database-interface
[Exposed=Window]
interface IDBDatabase : EventTarget {
  readonly attribute DOMString name;
  readonly attribute unsigned long long version;
  readonly attribute DOMStringList objectStoreNames;

  [NewObject, Throws] IDBTransaction transaction((DOMString or sequence<DOMString>) storeNames,
                                                 optional IDBTransactionMode mode = "readonly",
                                                 optional IDBTransactionOptions options = {});
  undefined close();

  [NewObject, Throws] IDBObjectStore createObjectStore(DOMString name, optional IDBObjectStoreParameters options = {});
  [Throws] undefined deleteObjectStore(DOMString name);

  attribute EventHandler onabort;
  attribute EventHandler onclose;
  attribute EventHandler onerror;
  attribute EventHandler onversionchange;
};

enum IDBTransactionDurability { "default", "strict", "relaxed" };

dictionary IDBTransactionOptions {
  IDBTransactionDurability durability = "default";
};

dictionary IDBObjectStoreParameters {
  (DOMString or sequence<DOMString>)? keyPath = null;
  boolean autoIncrement = false;
};

// https://w3c.github.io/IndexedDB/#object-store-interface
[Exposed=Window]
interface IDBObjectStore {
  [SetterThrows] attribute DOMString name;
  readonly attribute any keyPath;
  readonly attribute DOMStringList indexNames;
  [SameObject] readonly attribute IDBTransaction transaction;
  readonly attribute boolean autoIncrement;

  [NewObject, Throws] IDBRequest put(any value, optional any key);
  [NewObject, Throws] IDBRequest add(any value, optional any key);
  [NewObject, Throws] IDBRequest delete(any query);
  [NewObject, Throws] IDBRequest clear();
  [NewObject, Throws] IDBRequest get(any query);
  [NewObject, Throws] IDBRequest getKey(any query);
  [NewObject, Throws] IDBRequest getAll(optional any queryOrOptions, optional [EnforceRange] unsigned long count);
  [NewObject, Throws] IDBRequest getAllKeys(optional any queryOrOptions, optional [EnforceRange] unsigned long count);
  [NewObject, Throws] IDBRequest getAllRecords(optional any options);
  [NewObject, Throws] IDBRequest count(optional any query);

  [NewObject, Throws] IDBRequest openCursor(optional any query, optional IDBCursorDirection direction = "next");
  [NewObject, Throws] IDBRequest openKeyCursor(optional any query, optional IDBCursorDirection direction = "next");

  [Throws] IDBIndex index(DOMString name);

  [NewObject, Throws] IDBIndex createIndex(DOMString name, (DOMString or sequence<DOMString>) keyPath,
                                           optional IDBIndexParameters options = {});
  [Throws] undefined deleteIndex(DOMString name);
};

dictionary IDBIndexParameters {
  boolean unique = false;
  boolean multiEntry = false;
};

// FIXME: the standard's dictionary also has `any query = null`, which the bindings generator
// cannot store in a dictionary: getAllRecords() takes `any` and objectstore.rs reads `query`
// by hand after the other members (the dictionary members' lexicographic order).
dictionary IDBGetAllOptions {
  [EnforceRange] unsigned long count;
  IDBCursorDirection direction = "next";
};

// https://w3c.github.io/IndexedDB/#index-interface
[Exposed=Window]
interface IDBIndex {
  [SetterThrows] attribute DOMString name;
  [SameObject] readonly attribute IDBObjectStore objectStore;
  readonly attribute any keyPath;
  readonly attribute boolean multiEntry;
  readonly attribute boolean unique;

  [NewObject, Throws] IDBRequest get(any query);
  [NewObject, Throws] IDBRequest getKey(any query);
  [NewObject, Throws] IDBRequest getAll(optional any queryOrOptions, optional [EnforceRange] unsigned long count);
  [NewObject, Throws] IDBRequest getAllKeys(optional any queryOrOptions, optional [EnforceRange] unsigned long count);
  [NewObject, Throws] IDBRequest getAllRecords(optional any options);
  [NewObject, Throws] IDBRequest count(optional any query);

  [NewObject, Throws] IDBRequest openCursor(optional any query, optional IDBCursorDirection direction = "next");
  [NewObject, Throws] IDBRequest openKeyCursor(optional any query, optional IDBCursorDirection direction = "next");
};

// https://w3c.github.io/IndexedDB/#keyrange
[Exposed=Window]
interface IDBKeyRange {
  readonly attribute any lower;
  readonly attribute any upper;
  readonly attribute boolean lowerOpen;
  readonly attribute boolean upperOpen;

  [NewObject, Throws] static IDBKeyRange only(any value);
  [NewObject, Throws] static IDBKeyRange lowerBound(any lower, optional boolean open = false);
  [NewObject, Throws] static IDBKeyRange upperBound(any upper, optional boolean open = false);
  [NewObject, Throws] static IDBKeyRange bound(any lower, any upper,
                                               optional boolean lowerOpen = false,
                                               optional boolean upperOpen = false);

  [Throws] boolean includes(any key);
};

// https://w3c.github.io/IndexedDB/#record-interface
[Exposed=Window]
interface IDBRecord {
  readonly attribute any key;
  readonly attribute any primaryKey;
  readonly attribute any value;
};

// https://w3c.github.io/IndexedDB/#cursor-interface
[Exposed=Window]
interface IDBCursor {
  readonly attribute (IDBObjectStore or IDBIndex) source;
  readonly attribute IDBCursorDirection direction;
  readonly attribute any key;
  readonly attribute any primaryKey;
  [SameObject] readonly attribute IDBRequest request;

  [Throws] undefined advance([EnforceRange] unsigned long count);
  [Throws] undefined continue(optional any key);
  [Throws] undefined continuePrimaryKey(any key, any primaryKey);

  [NewObject, Throws] IDBRequest update(any value);
  [NewObject, Throws] IDBRequest delete();
};

enum IDBCursorDirection { "next", "nextunique", "prev", "prevunique" };

[Exposed=Window]
interface IDBCursorWithValue : IDBCursor {
  readonly attribute any value;
};

// https://w3c.github.io/IndexedDB/#transaction
[Exposed=Window]
interface IDBTransaction : EventTarget {
  readonly attribute DOMStringList objectStoreNames;
  readonly attribute IDBTransactionMode mode;
  readonly attribute IDBTransactionDurability durability;
  [SameObject] readonly attribute IDBDatabase db;
  readonly attribute DOMException? error;

  [Throws] IDBObjectStore objectStore(DOMString name);
  [Throws] undefined commit();
  [Throws] undefined abort();

  attribute EventHandler onabort;
  attribute EventHandler oncomplete;
  attribute EventHandler onerror;
};

enum IDBTransactionMode { "readonly", "readwrite", "versionchange" };
