// Research library: "Copy" buttons for citations. Progressive enhancement: the buttons are
// hidden in the HTML and only shown when the clipboard API is available.
(() => {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy-target]").forEach((button) => {
    const target = document.getElementById(button.dataset.copyTarget);
    if (!target) return;
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        const html = target.innerHTML;
        const text = target.innerText.trim();
        if (window.ClipboardItem) {
          await navigator.clipboard.write([
            new ClipboardItem({
              "text/html": new Blob([html], { type: "text/html" }),
              "text/plain": new Blob([text], { type: "text/plain" }),
            }),
          ]);
        } else {
          await navigator.clipboard.writeText(text);
        }
        button.textContent = button.dataset.copiedLabel || label;
        window.setTimeout(() => { button.textContent = label; }, 2000);
      } catch (error) {
        // Permission refused: the citation stays selectable by hand.
        const range = document.createRange();
        range.selectNodeContents(target);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
    });
  });
})();
