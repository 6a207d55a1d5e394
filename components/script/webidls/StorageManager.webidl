// https://storage.spec.whatwg.org/#api
// Differences from the standard IDL: exposed on Window only (WorkerNavigator does not include
// NavigatorStorage: the engine's storage lives on the script thread, see dom/storage/).

[SecureContext]
interface mixin NavigatorStorage {
  [SameObject] readonly attribute StorageManager storage;
};
Navigator includes NavigatorStorage;

[SecureContext, Exposed=Window]
interface StorageManager {
  Promise<boolean> persisted();
  [Exposed=Window] Promise<boolean> persist();

  Promise<StorageEstimate> estimate();
};

dictionary StorageEstimate {
  unsigned long long usage;
  unsigned long long quota;
};
