// An external classic script, fetched relative to the page and run in order.
console.log("2. external script:", typeof window, [1, 2, 3], { answer: 42 });
