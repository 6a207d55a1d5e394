// Uses the page's blob URLs, and makes one for the page.
self.onmessage = async e => {
  const { scriptURL, textURL } = e.data;
  importScripts(scriptURL);
  const text = await (await fetch(textURL)).text();
  const made = URL.createObjectURL(new Blob(["made in the worker"], { type: "text/plain" }));
  postMessage({ imported: self.importedFromBlob, text, made });
};
