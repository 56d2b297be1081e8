"""The Streamlit web UI of clausecheck (``streamlit run app.py``).

``core`` holds the logic (no Streamlit import), ``i18n`` the Chinese/English strings, ``ui`` the pages.
"""
