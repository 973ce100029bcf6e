"""Indonesian request and response examples for the OpenAPI schema (what a CMS developer sees first).

Every example is built from the API's own models and dumped, so it always has the shape the schema
publishes (a field renamed in a model breaks the import here, not a developer's client later).
"""

from __future__ import annotations

from litestar.openapi.datastructures import ResponseSpec
from pydantic import BaseModel
from litestar.openapi.spec import Example

from service.api.schemas import CheckIn, ReportSummary
from service.domain import Decision, Evidence, Finding, Message, Report, Strict, VisionItem
from service.overview import AgencyFigures, Figures, KindCount, MissionCount, Overview, PositionCount, Verdicts, WeekFigures

_DRAFT = ("Anggaran Makan Bergizi Gratis dalam APBN 2026 ditetapkan sebesar Rp350 triliun. "
          "Program ini menjangkau 82,9 juta penerima manfaat.")
_MBG = Evidence(position_id="kemenkeu-mbg-2026", title="Anggaran Makan Bergizi Gratis 2026",
                agency="Kementerian Keuangan", kind="position", official=True, similarity=0.91,
                passage="Pemerintah mengalokasikan anggaran program Makan Bergizi Gratis sebesar Rp335 triliun "
                        "dalam APBN 2026.")

CHECK_REQUEST = CheckIn(text=_DRAFT, title="Siaran pers: anggaran MBG 2026")

REPORT = Report(
    id="9f3c2a7d1e5b4c08", title="Siaran pers: anggaran MBG 2026", agency="Kementerian Sosial", score=41,
    verdict="conflict", language="id",
    summary="1 dari 2 kalimat didukung posisi rujukan, 1 bertentangan dengan rujukan, dan 0 tidak memiliki rujukan "
            "dekat. Kalimat yang didukung dihitung penuh, yang tanpa dukungan 70 %, yang bertentangan nol, ditimbang "
            "menurut panjangnya; setiap pertentangan membatasi skor paling tinggi 49.",
    summary_message=Message(id="summary.conflict", params={"supports": 1, "total": 2, "conflicts": 1,
                                                            "unsupported": 0}),
    counts={"supports": 1, "conflicts": 1, "unsupported": 0},
    findings=[
        Finding(sentence="Anggaran Makan Bergizi Gratis dalam APBN 2026 ditetapkan sebesar Rp350 triliun.",
                start=0, end=81, relation="conflicts", kinds=["number"], evidence=[_MBG],
                reasons=['Angka berbeda: draf menyebut "Rp350 triliun", sedangkan rujukan menyebut "Rp335 triliun".'],
                messages=[Message(id="conflict.number", params={"draft": "Rp350 triliun",
                                                                "reference": "Rp335 triliun"})],
                suggestion="Anggaran Makan Bergizi Gratis dalam APBN 2026 ditetapkan sebesar Rp335 triliun.",
                decision=Decision(finding=0, decision="fixed", note="Angka sudah disesuaikan dengan Kemenkeu.",
                                  key_id="k_5d1e", agency="Kementerian Sosial", created_at="2026-03-02T03:20:00+00:00")),
        Finding(sentence="Program ini menjangkau 82,9 juta penerima manfaat.", start=82, end=132,
                relation="supports", evidence=[_MBG.model_copy(update={"similarity": 0.88})],
                reasons=['Menyatakan hal yang sama dengan "Anggaran Makan Bergizi Gratis 2026" (kemiripan 0,88).'],
                messages=[Message(id="support.same", params={"title": "Anggaran Makan Bergizi Gratis 2026",
                                                             "similarity": 0.88})]),
    ],
    vision=[VisionItem(position_id="asta-cita-4/sdm", title="Asta Cita 4 — sumber daya manusia",
                       sentences=["Program ini menjangkau 82,9 juta penerima manfaat."], mission="asta-cita-4",
                       commitment="asta-cita-4/sdm", label="sumber daya manusia")],
    vision_summary="Memperkuat Asta Cita 4 — sumber daya manusia.",
    vision_summary_message=Message(id="vision.summary", params={"missions": "Asta Cita 4 — sumber daya manusia"}),
    text=_DRAFT, model="multilingual-e5-small", judge="rules+nli", corpus_version=12,
    created_at="2026-03-02T03:15:00+00:00",
    review_url="/v1/reports/9f3c2a7d1e5b4c08?token=1775100900.5b0c6f1e2d3a4b5c6d7e8f9012345678",
)

DECISION_REQUEST = {"finding": 0, "decision": "fixed", "note": "Angka sudah disesuaikan dengan Kemenkeu."}
DECISION = REPORT.findings[0].decision

SUMMARIES = [ReportSummary(id=REPORT.id, agency=REPORT.agency, verdict=REPORT.verdict, score=REPORT.score,
                           created_at=REPORT.created_at, conflicts=1, decided=1)]

_FIGURES = Figures(checks=9, verdicts=Verdicts(aligned=4, review=3, conflict=2), conflicts=3, open=1)
# One agency (the schema printer leaves nulls out, and the overview of all agencies has agency: null).
STATS = Overview(
    since="2026-03-02", until="2026-03-08", agency="Kementerian Sosial", totals=_FIGURES,
    weeks=[WeekFigures(week="2026-W10", start="2026-03-02", **_FIGURES.model_dump())],
    agencies=[AgencyFigures(agency="Kementerian Sosial", **_FIGURES.model_dump())],
    conflict_kinds=[KindCount(kind="number", conflicts=2), KindCount(kind="negation", conflicts=1)],
    contradicted=[PositionCount(position_id="kemenkeu-mbg-2026", title="Anggaran Makan Bergizi Gratis 2026",
                                agency="Kementerian Keuangan", conflicts=2, reports=2)],
    missions=[MissionCount(position_id="asta-cita-4", title="Asta Cita 4: SDM, pendidikan dan kesehatan", reports=5,
                           sentences=7)],
    scanned=9, complete=True,
)


def example(summary: str, value: object) -> list[Example]:
    """One named example (the schema shows ``summary`` above the value)."""
    return [Example(summary=summary, value=_dumped(value))]


def _dumped(value: object) -> object:
    if isinstance(value, list):
        return [_dumped(v) for v in value]
    if not isinstance(value, BaseModel):
        return value
    # A request shows only what a caller sends; a response every field, nulls too (the schema requires some).
    return value.model_dump(mode="json", exclude_none=isinstance(value, Strict))


def ok(model: type, summary: str, value: object, description: str = "OK") -> ResponseSpec:
    """The 200 response of a handler, documented with an Indonesian example."""
    return ResponseSpec(data_container=model, description=description, examples=example(summary, value),
                        generate_examples=False)


CHECK_EXAMPLES = example("Draf siaran pers dengan satu angka yang keliru", CHECK_REQUEST)
BATCH_EXAMPLES = example("Dua draf dari antrean terbit CMS", {"drafts": [
    CHECK_REQUEST.model_dump(mode="json", exclude_none=True),
    {"text": "Harga BBM bersubsidi jenis Pertalite dan Solar tidak naik tahun ini.", "title": "Siaran pers: BBM"}]})
DECISION_EXAMPLES = example("Angka sudah diperbaiki di draf", DECISION_REQUEST)
DECISION_RESPONSE = ok(Decision, "Keputusan tercatat, dengan siapa dan kapan", DECISION, "The decision as recorded.")
SUMMARIES_RESPONSE = ok(list[ReportSummary], "Satu laporan dengan pertentangan yang sudah diputuskan", SUMMARIES)
REPORT_RESPONSE = ok(Report, "Laporan dengan satu pertentangan angka dan usulan perbaikannya", REPORT,
                     "The report (JSON), or the review page (HTML) for a client that prefers text/html.")
STATS_RESPONSE = ok(Overview, "Satu minggu satu instansi", STATS)
