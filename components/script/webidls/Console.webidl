// https://console.spec.whatwg.org/#console-namespace
// The logging members Aperture implements.

[Exposed=*]
namespace console {
  undefined assert(optional boolean condition = false, any... data);
  undefined debug(any... data);
  undefined error(any... data);
  undefined info(any... data);
  undefined log(any... data);
  undefined warn(any... data);
  undefined trace(any... data);

  undefined group(any... data);
  undefined groupCollapsed(any... data);
  undefined groupEnd();

  undefined time(optional DOMString label = "default");
  undefined timeLog(optional DOMString label = "default", any... data);
  undefined timeEnd(optional DOMString label = "default");
};
