"""The app's CSS (inline, no external fonts or stylesheets)."""

CSS = """
<style>
:root {
  --cc-green: #1b7f3b; --cc-green-bg: #e3f4e8;
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
