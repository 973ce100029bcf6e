"""The published OpenAPI document as CMS developers meet it: every operation has an explicit camelCase id (no
generated ``V1ChecksCheck`` / ``HealthHealth``), the main endpoints carry Indonesian examples, and every
example validates against the schema it illustrates."""

from __future__ import annotations

import re
from typing import Any, Iterator

import pytest
from jsonschema import Draft202012Validator

from service.app import create_app


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app().openapi_schema.to_schema()


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield method.upper(), path, operation


def _examples(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example value) for every example in request bodies and responses."""
    for method, path, operation in _operations(spec):
        bodies = [("request", operation.get("requestBody", {}))]
        bodies += [(f"response {status}", response) for status, response in operation["responses"].items()]
        for where, body in bodies:
            for media in body.get("content", {}).values():
                schema = media.get("schema", {})
                for value in schema.get("examples", []):
                    yield f"{method} {path} {where}", schema, value
                for named in media.get("examples", {}).values():
                    yield f"{method} {path} {where}", schema, named["value"]


def test_every_operation_has_an_explicit_camel_case_id(spec):
    ids = {f"{m} {p}": op.get("operationId", "") for m, p, op in _operations(spec)}
    assert len(ids) >= 20
    generated = {where: i for where, i in ids.items() if not re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)+", i)}
    assert not generated, generated
    assert len(set(ids.values())) == len(ids)  # unique: a client method per operation
    assert ids["POST /v1/checks"] == "checkDraft" and ids["GET /v1/reports/{report_id}"] == "getReport"
    assert ids["GET /v1/reports"] == "listReports" and ids["GET /health"] == "getHealth"
    assert ids["GET /v1/stats"] == "getStats" and ids["POST /v1/reports/{report_id}/decisions"] == "recordDecision"


def test_main_endpoints_have_indonesian_examples(spec):
    found = {where: value for where, _, value in _examples(spec)}
    for where in ("POST /v1/checks request", "POST /v1/checks response 200", "GET /v1/reports/{report_id} response 200",
                  "POST /v1/reports/{report_id}/decisions request", "POST /v1/reports/{report_id}/decisions response 201",
                  "GET /v1/reports response 200", "GET /v1/stats response 200", "POST /v1/checks:batch request"):
        assert where in found, where
    assert "Rp350 triliun" in found["POST /v1/checks request"]["text"]
    report = found["POST /v1/checks response 200"]
    assert report["language"] == "id" and report["findings"][0]["reasons"][0].startswith("Angka berbeda")


def test_every_example_validates_against_its_schema(spec):
    checked = 0
    for where, schema, value in _examples(spec):
        validator = Draft202012Validator({**schema, "components": spec["components"]})
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(value)]
        assert not errors, f"{where}: {errors[:3]}"
        checked += 1
    assert checked >= 8


def test_the_validation_would_catch_a_wrong_example(spec):
    # The check above is only worth something if a bad example fails it.
    schema = spec["paths"]["/v1/checks"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": spec["components"]})
    assert list(validator.iter_errors({"id": "x", "score": 500}))
