"""The app's CSS (inline, no external fonts or stylesheets)."""

CSS = """
<style>
:root {
  --cc-green: #14652e; --cc-green-bg: #e3f4e8;
  --cc-amber: #8a5a00; --cc-amber-bg: #fff1cc;
  --cc-red: #b42318; --cc-red-bg: #fde4e1;
}
.cc-summary, .cc-finding, blockquote.cc-evidence, .cc-reasons, .cc-edits {
  font-family: "Source Sans", "Source Sans Pro", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC",
               "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
}
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
.cc-summary { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
.cc-summary th, .cc-summary td { border: 1px solid rgba(128,128,128,0.35); padding: 0.45rem 0.6rem; text-align: left; vertical-align: middle; }
.cc-summary thead th { background: rgba(128,128,128,0.10); font-weight: 600; }
.cc-summary th.cc-doc { font-weight: 600; word-break: break-all; }
.cc-cell-compliant { background: var(--cc-green-bg); }
.cc-cell-weakened { background: var(--cc-amber-bg); }
.cc-cell-missing { background: var(--cc-red-bg); }
.cc-error-cell { background: var(--cc-red-bg); color: var(--cc-red); font-style: italic; }
.cc-badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 0.8rem; font-weight: 600; white-space: nowrap; }
.cc-badge.cc-compliant { color: var(--cc-green); background: var(--cc-green-bg); border: 1px solid var(--cc-green); }
.cc-badge.cc-weakened { color: var(--cc-amber); background: var(--cc-amber-bg); border: 1px solid #d49b00; }
.cc-badge.cc-missing { color: var(--cc-red); background: var(--cc-red-bg); border: 1px solid var(--cc-red); }
.cc-flag { color: #6941c6; font-weight: 700; margin-left: 0.15rem; }
.cc-finding-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.6rem; }
.cc-finding-head h4 { margin: 0; padding: 0; font-size: 1.1rem; }
.cc-meta { color: rgba(100,100,100,0.95); font-size: 0.85rem; }
.cc-review-note { color: #6941c6; font-size: 0.9rem; }
blockquote.cc-evidence { margin: 0.3rem 0 0.1rem 0; padding: 0.45rem 0.8rem; border-left: 4px solid rgba(128,128,128,0.5);
  background: rgba(128,128,128,0.07); white-space: pre-wrap; line-height: 1.6; }
blockquote.cc-evidence.cc-role-take-back { border-left-color: var(--cc-red); }
blockquote.cc-evidence.cc-role-commitment { border-left-color: #2e6bd6; }
mark.cc-trigger { background: #ffd54f; color: inherit; padding: 0 0.1rem; border-radius: 0.15rem; font-weight: 600; }
.cc-evidence-meta { color: rgba(100,100,100,0.95); font-size: 0.82rem; margin-bottom: 0.5rem; }
.cc-reasons { margin: 0.2rem 0 0.4rem 1.1rem; padding: 0; }
.cc-reasons li { margin-bottom: 0.25rem; }
.cc-reason-code { font-family: monospace; font-size: 0.8rem; color: rgba(100,100,100,0.95); }
.cc-section-label { font-weight: 600; margin-top: 0.4rem; }
.cc-edits { margin: 0.2rem 0 0.2rem 1.1rem; font-size: 0.9rem; }
.cc-edits del { color: var(--cc-red); }
.cc-edits ins { color: var(--cc-green); text-decoration: none; font-weight: 600; }
.cc-compare td, .cc-compare th { vertical-align: top; }
.cc-compare ul { margin: 0; padding-left: 1.1rem; }
.cc-cmp-reasons { list-style: none; padding-left: 0 !important; margin-top: 0.25rem !important; }
.cc-change { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 0.8rem; font-weight: 700; white-space: nowrap; }
.cc-change-improved { color: var(--cc-green); background: var(--cc-green-bg); border: 1px solid var(--cc-green); }
.cc-change-regressed { color: var(--cc-red); background: var(--cc-red-bg); border: 1px solid var(--cc-red); }
.cc-change-unchanged { color: rgba(90,90,90,0.95); background: rgba(128,128,128,0.10); border: 1px solid rgba(128,128,128,0.5); }
tr.cc-cmp-regressed > th { border-left: 4px solid var(--cc-red); }
tr.cc-cmp-improved > th { border-left: 4px solid var(--cc-green); }
.cc-cmp-changes { font-size: 0.9rem; line-height: 1.55; }
.cc-cmp-changes li { margin-bottom: 0.35rem; }
.cc-cmp-changes del { color: var(--cc-red); }
.cc-cmp-changes ins { color: var(--cc-green); text-decoration: underline; font-weight: 600; }
</style>
"""

CSS = CSS.replace("</style>", """
.cc-finding-head h3 { margin: 0; padding: 0; font-size: 1.15rem; }
h3.cc-h3 { font-size: 1.15rem; margin: 0; }
.cc-action { border: 1px solid rgba(128,128,128,0.45); border-radius: 0.5rem; padding: 0.5rem 0.75rem; margin: 0.4rem 0 0.6rem 0; }
.cc-action-recommended { border: 2px solid #1f4e9c; }
.cc-action-head { font-weight: 600; }
q { quotes: none; }
.cc-wording { position: relative; }
pre.cc-copy-src { white-space: pre-wrap; background: rgba(128,128,128,0.08); padding: 0.5rem 0.6rem; margin: 0.2rem 0;
  border-radius: 0.3rem; font-family: inherit; font-size: 0.92rem; }
button.cc-copy { font: inherit; font-size: 0.85rem; padding: 0.15rem 0.7rem; border-radius: 0.35rem;
  border: 1px solid #1f4e9c; background: #fff; color: #1f4e9c; cursor: pointer; }
button.cc-copy:hover { background: #e8eef9; }
button.cc-copy:focus-visible, .cc-summary a:focus-visible { outline: 3px solid #1f4e9c; outline-offset: 2px; }
.cc-copy-status { margin-left: 0.5rem; font-size: 0.85rem; color: var(--cc-green); }
.cc-text-changes { font-size: 0.9rem; line-height: 1.55; padding-left: 1.1rem; }
.cc-text-changes del { color: var(--cc-red); } .cc-text-changes ins { color: var(--cc-green); font-weight: 600; }
li.cc-ev-dropped, li.cc-ev-cited { color: rgba(70,70,70,0.95); }
.cc-meta { color: #595959; }
.cc-evidence-meta { color: #595959; }
.cc-reason-code { color: #595959; }
/* Streamlit's captions are #828180 on white (3.9:1): below WCAG AA for small text. */
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #595959 !important; }
[data-testid="stFileUploaderDropzoneInstructions"] span { color: #595959 !important; }
</style>""")


def localizer_script(lang: str) -> str:
    """A script for the page: its ``lang`` attribute follows the interface language; Streamlit's
    own words (the uploader's "Upload" and "50MB per file", "Collapse sidebar", "Copy to
    clipboard" ...) are put into Chinese when the interface is Chinese; and the Copy buttons of
    the suggested wording copy it (they are real buttons: reached by Tab, pressed with Enter)."""
    import json

    from clausecheck.webui.i18n import STREAMLIT_ZH, STREAMLIT_ZH_PATTERNS

    return _SCRIPT.replace("__LANG__", json.dumps(lang)).replace("__ZH__", json.dumps(STREAMLIT_ZH, ensure_ascii=False)) \
        .replace("__PATTERNS__", json.dumps(STREAMLIT_ZH_PATTERNS, ensure_ascii=False))


_SCRIPT = """<script>
(function () {
  const w = window;
  const cc = w.__cc = w.__cc || {};
  cc.lang = __LANG__;
  cc.zh = __ZH__;
  cc.patterns = (__PATTERNS__).map(p => [new RegExp(p[0]), p[1]]);
  document.documentElement.lang = cc.lang === "zh" ? "zh-CN" : "en";
  function tr(s) {
    if (cc.lang !== "zh" || !s) return null;
    const k = s.trim();
    if (Object.prototype.hasOwnProperty.call(cc.zh, k)) return s.replace(k, cc.zh[k]);
    for (const [re, rep] of cc.patterns) { if (re.test(k)) return k.replace(re, rep); }
    return null;
  }
  function fix(root) {
    document.documentElement.lang = cc.lang === "zh" ? "zh-CN" : "en";
    // The uploader's drop zone is a named region, not a presentational one.
    root.querySelectorAll('section[role="presentation"][aria-label]').forEach(e => e.setAttribute("role", "group"));
    // Each uploader's "Add files" button says which uploader it adds to (several are on the page).
    root.querySelectorAll('[data-testid="stFileUploader"]').forEach(up => {
      const zone = up.querySelector('section[aria-label]');
      if (!zone) return;
      up.querySelectorAll('button[aria-label]').forEach(b => {
        const v = b.getAttribute("aria-label");
        const base = tr(v) || v;
        if ((base === "Add files" || base === "添加文件") && !v.includes("：") && !v.includes(": ")) {
          b.setAttribute("aria-label", base + (cc.lang === "zh" ? "：" : ": ") + zone.getAttribute("aria-label"));
        }
      });
    });
    root.querySelectorAll('[data-testid="stIconMaterial"]').forEach(e => e.setAttribute("aria-hidden", "true"));
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) {
      const p = n.parentElement;
      if (!p || p.closest('[data-testid="stIconMaterial"], body [lang], .cc-finding, .cc-summary')) continue;
      const v = tr(n.nodeValue);
      if (v !== null && v !== n.nodeValue) n.nodeValue = v;
    }
    root.querySelectorAll("[aria-label], [title], [placeholder]").forEach(e => {
      for (const a of ["aria-label", "title", "placeholder"]) {
        const v = e.getAttribute(a);
        const t = tr(v);
        if (t !== null && t !== v) e.setAttribute(a, t);
      }
    });
  }
  cc.fix = fix;
  if (!cc.observer) {
    let queued = false;
    cc.observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; cc.fix(document.body); });
    });
    cc.observer.observe(document.body, {childList: true, subtree: true, characterData: true,
                                        attributes: true, attributeFilter: ["aria-label", "title", "placeholder"]});
  }
  if (!cc.copyBound) {
    cc.copyBound = true;
    document.addEventListener("click", ev => {
      const b = ev.target.closest && ev.target.closest("button.cc-copy");
      if (!b) return;
      const src = document.getElementById(b.dataset.copy);
      const text = src ? src.textContent : "";
      const status = b.parentElement.querySelector(".cc-copy-status");
      const done = () => { if (status) status.textContent = b.dataset.copied || "✓"; };
      const fallback = () => {
        const ta = document.createElement("textarea");
        ta.value = text; ta.setAttribute("readonly", ""); ta.style.position = "fixed"; ta.style.opacity = "0";
        document.body.appendChild(ta); ta.select();
        try { document.execCommand("copy"); } finally { ta.remove(); }
        done();
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else { fallback(); }
    });
  }
  fix(document.body);
})();
</script>"""
