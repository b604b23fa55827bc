/* Progressive enhancement only: the site works without this file. */
(() => {
  "use strict";
  document.documentElement.classList.add("js");

  // Mobile navigation: a disclosure button (hidden without JavaScript, where the menu shows).
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    const setOpen = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    };
    toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Videos: nothing loads from YouTube or Vimeo until the visitor presses play. Without
  // JavaScript the play button is a plain link to the video on the provider's site.
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".video__play");
    const box = button && button.closest("[data-video-embed]");
    if (!box) return;
    const src = box.dataset.videoEmbed || "";
    if (!/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(src)) return;
    event.preventDefault();
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = box.dataset.videoTitle || "";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    box.replaceChildren(frame);
    frame.focus();
  });

  // After a failed form submission, move focus to the error summary so it is announced.
  const summary = document.getElementById("form-errors");
  if (summary) summary.focus();
})();
