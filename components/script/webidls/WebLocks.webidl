// https://w3c.github.io/web-locks/
// Differences from the standard IDL (behaviour as specified):
// - Exposed on Window only: a dedicated worker runs on its own thread with its own runtime, and
//   the lock manager of an origin lives on the engine's script thread (dom/weblocks/), so
//   WorkerNavigator does not include NavigatorLocks and LockManager/Lock are not exposed there.
// - LockGrantedCallback returns `any` rather than Promise<any>: the generator cannot convert a
//   callback's return value to a promise. The value (or the exception the callback throws)
//   settles the lock's waiting promise, which is what that conversion would lead to.

[SecureContext]
interface mixin NavigatorLocks {
  readonly attribute LockManager locks;
};
Navigator includes NavigatorLocks;

[SecureContext, Exposed=Window]
interface LockManager {
  Promise<any> request(DOMString name,
                       LockGrantedCallback callback);
  Promise<any> request(DOMString name,
                       LockOptions options,
                       LockGrantedCallback callback);

  Promise<LockManagerSnapshot> query();
};

callback LockGrantedCallback = any (Lock? lock);

enum LockMode { "shared", "exclusive" };

dictionary LockOptions {
  LockMode mode = "exclusive";
  boolean ifAvailable = false;
  boolean steal = false;
  AbortSignal signal;
};

dictionary LockManagerSnapshot {
  sequence<LockInfo> held;
  sequence<LockInfo> pending;
};

dictionary LockInfo {
  DOMString name;
  LockMode mode;
  DOMString clientId;
};

[SecureContext, Exposed=Window]
interface Lock {
  readonly attribute DOMString name;
  readonly attribute LockMode mode;
};
