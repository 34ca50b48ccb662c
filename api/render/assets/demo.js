(() => {
  const widget = document.getElementById("widget");
  const frame = document.getElementById("frame");
  const pickLocale = document.getElementById("locale");
  const pickTopic = document.getElementById("topic");
  const handout = document.getElementById("handout");
  for (const code of document.querySelectorAll("code[data-origin]")) {
    code.textContent = code.textContent.replaceAll(code.dataset.origin, location.origin);
  }
  function show() {
    const locale = pickLocale.value;
    if (locale) widget.setAttribute("locale", locale); else widget.removeAttribute("locale");
    widget.setAttribute("topic", pickTopic.value);
    const option = pickTopic.selectedOptions[0];
    const url = new URL(`/v1/embed/${pickTopic.value}/${option.dataset.section}`, location.href);
    if (locale) url.searchParams.set("locale", locale);
    frame.src = url.pathname + url.search;
    const pdf = new URL(`/v1/topics/${pickTopic.value}/handout.pdf`, location.href);
    if (locale) pdf.searchParams.set("locale", locale);
    handout.href = pdf.pathname + pdf.search;
  }
  frame.addEventListener("load", () => { // the frame's title is its section's heading, in its language
    const page = frame.contentDocument;
    if (page && page.title) frame.title = page.title;
  });
  pickLocale.addEventListener("change", show);
  pickTopic.addEventListener("change", show);
  addEventListener("message", (event) => {
    if (event.source === frame.contentWindow && event.data && event.data.type === "patient-content:resize") {
      frame.style.height = `${Math.ceil(event.data.height) + 4}px`;
    }
  });
  show();
})();
