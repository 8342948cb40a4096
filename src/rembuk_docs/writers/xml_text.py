"""XML text escaping, as ``xml.sax.saxutils`` does it, without importing that module.

``xml.sax.saxutils`` imports ``urllib.request`` (and with it ``http.client``, ``email`` and
``ssl``): about 15 ms of every cold render spent on modules no document needs. These two
functions give exactly its output (tests/test_xml_text.py compares them).
"""

from __future__ import annotations


def escape(data: str) -> str:
    """``&``, ``<`` and ``>`` as entities (``xml.sax.saxutils.escape`` without ``entities``)."""
    return data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def attribute_value(data: str) -> str:
    """``data`` escaped as lxml writes an attribute's value between double quotes: ``&<>"`` as
    entities, and tabs and line ends as character references (the quotes are not added)."""
    data = escape(data).replace('"', "&quot;")
    return data.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def quoteattr(data: str) -> str:
    """``data`` escaped and quoted as an attribute value (``xml.sax.saxutils.quoteattr``)."""
    data = escape(data).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))
