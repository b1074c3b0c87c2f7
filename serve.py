"""Start the dashboard: `streamlit run serve.py` (what `make run` does).

st.App serves app.py and pages/ as always, plus the server's own routes (ui.web): the HttpOnly
login cookie, /media/ files only for a valid login, and Danish messages for uncaught errors.
`streamlit run app.py` would lack them; outside demo mode the app then refuses to start.
"""

import streamlit as st

from ui.web import MIDDLEWARE, ROUTES, lifespan, on_script_error

app = st.App(
    "app.py",
    routes=ROUTES,
    middleware=MIDDLEWARE,
    lifespan=lifespan,
    on_script_error=on_script_error,
)
