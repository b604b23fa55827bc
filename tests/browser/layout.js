// Layout problems a person would see, measured in the page as it is now (see layout.py).
// Returns a list of {check, selector, detail}. Kept in one function so Playwright sends it once
// per measurement; it reads geometry only and never changes the page.
() => {
  const SLACK = 1; // sub-pixel rounding
  const MIN_TARGET = 24; // WCAG 2.2 SC 2.5.8
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  const problems = [];
  const styles = new Map();
  const style = (el) => {
    if (!styles.has(el)) styles.set(el, getComputedStyle(el));
    return styles.get(el);
  };

  const describe = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      let part = node.localName;
      if (node.id) { parts.unshift(`${part}#${node.id}`); break; }
      const classes = [...node.classList].slice(0, 2);
      if (classes.length) part += "." + classes.join(".");
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  const text = (el) => (el.innerText || el.textContent || el.getAttribute("aria-label") || "")
    .replace(/\s+/g, " ").trim().slice(0, 60);

  // Visually hidden or not rendered: screen-reader-only text, honeypots, closed menus.
  const hiddenCache = new Map();
  const hidden = (el) => {
    if (!el || el.nodeType !== 1) return false;
    if (hiddenCache.has(el)) return hiddenCache.get(el);
    const s = style(el);
    const r = el.getBoundingClientRect();
    const result = !el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: false })
      || el.hasAttribute("hidden")
      // Off the page until focused (the skip link): above or left of the document.
      || (["absolute", "fixed"].includes(s.position) && (r.bottom + window.scrollY <= 0 || r.right + window.scrollX <= 0))
      || el.getAttribute("aria-hidden") === "true" && (r.width <= 1 || r.height <= 1 || r.right < 0)
      || (s.position === "absolute" && (r.width <= 1 || r.height <= 1 || r.right <= 0))
      || s.clip !== "auto" || (s.clipPath && s.clipPath !== "none")
      || hidden(el.parentElement);
    hiddenCache.set(el, result);
    return result;
  };
  const scrolls = (s) => ["auto", "scroll"].includes(s.overflowX) || ["auto", "scroll"].includes(s.overflowY);
  const clips = (s) => s.overflowX !== "visible" || s.overflowY !== "visible";
  const painted = (s) => {
    const border = ["Top", "Right", "Bottom", "Left"].some((side) => parseFloat(s[`border${side}Width`]) > 0 && s[`border${side}Style`] !== "none");
    const background = s.backgroundImage !== "none" || !/rgba\(0, 0, 0, 0\)|transparent/.test(s.backgroundColor);
    return border || background;
  };

  // 1. Sideways scrolling (SC 1.4.10): the page is wider than the viewport. Name the culprits:
  // the outermost elements sticking out on the right, outside any scroll container.
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > vw + SLACK) {
    const culprits = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (hidden(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right <= vw + SLACK || r.width === 0) continue;
      let inside = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (clips(style(a)) || a.getBoundingClientRect().right > vw + SLACK) { inside = true; break; }
      }
      if (!inside) culprits.push(`${describe(el)} (right edge ${Math.round(r.right)} px)`);
    }
    problems.push({
      check: "sideways scrolling",
      selector: "html",
      detail: `page ${pageWidth} px wide in a ${vw} px viewport: ${culprits.slice(0, 4).join("; ") || "?"}`,
    });
  }

  // 2. Text that leaves its box: every line of every text node must lie inside its own block
  // and inside every painted (border/background) or clipping ancestor, up to the nearest scroll
  // container, which may legitimately hold wider content.
  const blockOf = (el) => {
    let node = el;
    while (node && node !== document.body && style(node).display.startsWith("inline")) node = node.parentElement;
    return node;
  };
  const reported = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
  });
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "OPTION"].includes(parent.tagName) || hidden(parent)) continue;
    if (parent.closest("details:not([open])") && !parent.closest("summary")) continue; // folded away
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!lines.length) continue;
    const bounds = (rects) => ({
      left: Math.min(...rects.map((r) => r.left)),
      right: Math.max(...rects.map((r) => r.right)),
      top: Math.min(...rects.map((r) => r.top)),
      bottom: Math.max(...rects.map((r) => r.bottom)),
    });
    let box = bounds(lines);
    let exact = false;
    // The quick measure includes the space that hangs at the end of a wrapped line (wider with
    // word spacing); when something seems to stick out, measure the words alone.
    const precise = () => {
      if (exact) return;
      exact = true;
      const words = [];
      for (const match of node.data.matchAll(/\S+/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        words.push(...[...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0));
      }
      if (words.length) box = bounds(words);
    };
    const own = blockOf(parent);
    for (let a = own; a && a !== document.documentElement; a = a.parentElement) {
      const s = style(a);
      if (a !== own && !painted(s) && !clips(s)) continue;
      const r = a.getBoundingClientRect();
      // A line box tighter than the font's content area (line-height: 1) lets the glyph box poke
      // out of its block by the difference without losing anything.
      const lineHeight = parseFloat(style(parent).lineHeight) || lines[0].height;
      const vSlack = SLACK + Math.max(0, (lines[0].height - lineHeight) / 2);
      const sticksOut = () => box.left < r.left - SLACK || box.right > r.right + SLACK
        || box.top < r.top - vSlack || box.bottom > r.bottom + vSlack;
      const out = sticksOut() && (precise(), sticksOut());
      if (out && !reported.has(a)) {
        reported.add(a);
        const by = Math.round(Math.max(r.left - box.left, box.right - r.right, r.top - box.top, box.bottom - r.bottom));
        problems.push({
          check: "text leaves its box",
          selector: describe(a),
          detail: `"${node.data.replace(/\s+/g, " ").trim().slice(0, 50)}" sticks out by ${by} px`,
        });
      }
      if (scrolls(s)) break;
    }
  }

  // 3. Images in proportion: none taller than three quarters of the viewport.
  for (const el of document.querySelectorAll("img, svg, video, iframe, canvas, picture")) {
    if (hidden(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.height > vh * 0.75 + SLACK) {
      problems.push({
        check: "image taller than 3/4 of the viewport",
        selector: describe(el),
        detail: `${Math.round(r.width)} x ${Math.round(r.height)} px in a ${vw} x ${vh} viewport`,
      });
    }
  }

  // 4. Target size (SC 2.5.8, AA): at least 24 x 24 px, unless spaced (a 24 px circle centred on
  // each undersized target touches no other target and no other undersized target's circle),
  // inline in a sentence, or a user-agent control the author did not restyle.
  const targets = [];
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [tabindex]:not([tabindex='-1'])";
  for (const el of document.querySelectorAll(selector)) {
    if (hidden(el) || el.disabled || el.closest("[inert]")) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    targets.push({ el, r, cx: r.left + r.width / 2, cy: r.top + r.height / 2 });
  }
  const inlineInText = (el) => {
    if (!style(el).display.startsWith("inline") || style(el).display === "inline-block" && el.tagName !== "A") return false;
    const block = blockOf(el);
    const own = (el.textContent || "").replace(/\s+/g, "");
    const all = (block.textContent || "").replace(/\s+/g, "");
    return all.length > own.length; // other, non-target text shares its line box
  };
  const undersized = targets.filter((t) => (t.r.width < MIN_TARGET - 0.01 || t.r.height < MIN_TARGET - 0.01) && !inlineInText(t.el));
  const radius = MIN_TARGET / 2;
  const circleHitsRect = (t, r) => {
    const x = Math.max(r.left, Math.min(t.cx, r.right));
    const y = Math.max(r.top, Math.min(t.cy, r.bottom));
    return (t.cx - x) ** 2 + (t.cy - y) ** 2 < radius ** 2;
  };
  for (const t of undersized) {
    const clash = targets.find((o) => o.el !== t.el && !o.el.contains(t.el) && !t.el.contains(o.el) && circleHitsRect(t, o.r))
      || undersized.find((o) => o !== t && (t.cx - o.cx) ** 2 + (t.cy - o.cy) ** 2 < (2 * radius) ** 2);
    if (clash) {
      problems.push({
        check: "target smaller than 24 x 24 px and too close to another",
        selector: describe(t.el),
        detail: `"${text(t.el)}" ${t.r.width.toFixed(1)} x ${t.r.height.toFixed(1)} px, near "${text(clash.el)}"`,
      });
    }
  }

  // 5. Scroll regions (tables, code) must be reachable and named for keyboard users.
  for (const el of document.body.querySelectorAll("*")) {
    const s = style(el);
    if (!scrolls(s) || hidden(el) || el.scrollWidth <= el.clientWidth + SLACK && el.scrollHeight <= el.clientHeight + SLACK) continue;
    if (["TEXTAREA", "SELECT"].includes(el.tagName)) continue;
    const focusable = el.tabIndex >= 0;
    const named = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!focusable || !named) {
      problems.push({
        check: "scroll region without keyboard access or name",
        selector: describe(el),
        detail: `content ${el.scrollWidth} px in ${el.clientWidth} px; tabindex=${el.getAttribute("tabindex")}, name=${named || "none"}`,
      });
    }
  }
  return problems;
}
