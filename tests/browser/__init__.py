"""Helpers for the browser tests of the web UI: start ``streamlit run app.py``, drive Debian Chromium."""
