(() => {
  const report = () => parent.postMessage(
    { type: "patient-content:resize", height: document.documentElement.scrollHeight }, "*");
  new ResizeObserver(report).observe(document.documentElement);
})();
