"""Offentlig: a partnership's public page, without login (/Offentlig?kommune=183).

Only what `dataio.public.public_view` returns: public statistics and the published summary. No
login guard, no menu, nothing from the session (the language is ?lang=en's); a municipality that does not publish gets one
plain message. The page is embeddable: neither ui.web nor Streamlit sends X-Frame-Options or a
frame-ancestors policy."""

from models.i18n import NC_
from ui import loaders
from ui.i18n import requested_language
from ui.page import guarded, start_page
from ui.public_view import render_public, requested_code


def render() -> None:
    """The page body, in the language of ?lang= (Danish unless lang=en)."""
    code = requested_code()
    version = loaders.current_version()
    render_public(
        None if code is None else loaders.load_public_view(version, code),
        version=version,
        lang=requested_language(),
    )


start_page(NC_("menu", "Offentlig"), lang=requested_language())
guarded(render)
