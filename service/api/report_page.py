"""The HTML review page for a stored report: server-rendered and readable without JavaScript; the service's own
small script (``service/static/review.js``) adds the copy buttons and the decision forms."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape

from service.domain import Relation, Report
from service.messages import DEFAULT_LANGUAGE, gettext_for

@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("service", "templates"), autoescape=select_autoescape(["html"]))


def draft_segments(report: Report) -> list[dict[str, Any]]:
    """The draft cut into plain and highlighted pieces, using the findings' offsets."""
    text = report.text
    pieces: list[dict[str, Any]] = []
    cursor = 0
    for index, finding in enumerate(report.findings):
        if finding.start > cursor:
            pieces.append({"text": text[cursor:finding.start], "relation": None})
        pieces.append({"text": text[finding.start:finding.end], "relation": str(finding.relation), "index": index})
        cursor = finding.end
    if cursor < len(text):
        pieces.append({"text": text[cursor:], "relation": None})
    return pieces


def render_report(report: Report, language: str = DEFAULT_LANGUAGE, token: str | None = None) -> str:
    """Render a stored report as a standalone HTML page in ``language`` (its reasons already rendered in it).

    ``token``: the review link's, kept in the link that switches the page's language.
    """
    template = _environment().get_template("report.html")
    other = "en" if language == "id" else "id"
    switch = "?" + urlencode({**({"token": token} if token else {}), "lang": other})
    return template.render(
        report=report, segments=draft_segments(report), _=gettext_for(language), language=language,
        switch_url=switch,
        conflicts=[(i, f) for i, f in enumerate(report.findings) if f.relation == Relation.CONFLICTS],
    )


@lru_cache(maxsize=1)
def report_csp() -> str:
    """The page's Content-Security-Policy: nothing may load but the template's own ``<style>`` blocks, allowed
    by their SHA-256 (no 'unsafe-inline'), and the service's own script (``/static/review.js``, no inline
    script), which may call this site only (recording a decision)."""
    environment = _environment()
    source = environment.loader.get_source(environment, "report.html")[0]  # type: ignore[union-attr]
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()}'"
                      for block in re.findall(r"<style>(.*?)</style>", source, re.S))
    style_src = hashes or "'none'"
    return (f"default-src 'none'; style-src {style_src}; script-src 'self'; connect-src 'self'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'")
