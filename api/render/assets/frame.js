(() => {
  // The content's own height (body has no margin), which shrinks as well as grows, unlike scrollHeight.
  const report = () => parent.postMessage(
    { type: "patient-content:resize", height: Math.ceil(document.body.getBoundingClientRect().height) }, "*");
  new ResizeObserver(report).observe(document.body);
})();
