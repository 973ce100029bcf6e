"""The ``selaras`` command: serve, load positions, check drafts, manage keys."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, Iterator

from pydantic import ValidationError

from service.settings import Settings


def read_positions(path: Path, agency: str = "unknown", kind: str = "position") -> Iterator[dict[str, Any]]:
    """Positions from a JSONL or CSV file, or a folder of .md/.txt files (id = file name)."""
    if path.is_dir():
        for file in sorted([*path.glob("*.md"), *path.glob("*.txt")]):
            text = file.read_text(encoding="utf-8")
            first = next((ln for ln in text.splitlines() if ln.strip()), file.stem)
            title = first.lstrip("#").strip() if first.startswith("#") else file.stem
            body = "\n".join(text.splitlines()[1:]).strip() if first.startswith("#") else text
            yield {"id": file.stem, "title": title, "text": body or text, "agency": agency, "kind": kind}
    elif path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                row = {k: v for k, v in row.items() if v not in (None, "")}
                if "topics" in row:
                    row["topics"] = [t.strip() for t in row["topics"].split(";") if t.strip()]
                yield row
    else:
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise SystemExit(f"{path}:{number}: not valid JSON: {exc}") from None


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    """Load positions idempotently, with a progress bar."""
    from tqdm import tqdm

    from service.api.positions import to_input
    from service.api.schemas import PositionIn
    from service.bootstrap import build_selaras, close_selaras

    try:
        items = [PositionIn(**raw) for raw in read_positions(Path(args.file), args.agency, args.kind)]
    except ValidationError as exc:
        print(f"error: {args.file} has an invalid position:\n{exc}", file=sys.stderr)
        return 2
    selaras = build_selaras(settings)
    counts: dict[str, int] = {}
    try:
        for item in tqdm(items, desc="positions", unit="pos", disable=args.quiet):
            status = selaras.upsert_position(to_input(item))
            counts[status] = counts.get(status, 0) + 1
        selaras.store.optimize()
    finally:
        close_selaras(selaras)
    print(json.dumps({"file": args.file, **counts, "corpus_version": selaras.corpus_version()}))
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Check one draft file and print its report; exit 1 if it conflicts."""
    from service.bootstrap import build_selaras, close_selaras

    selaras = build_selaras(settings)
    try:
        report = selaras.check_sync(Path(args.file).read_text(encoding="utf-8"), agency=args.agency,
                                    title=Path(args.file).stem)
    finally:
        close_selaras(selaras)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"{report['verdict'].upper()}  score {report['score']}  report {report['id']}")
        print(report["summary"])
        for f in report["findings"]:
            if f["relation"] != "supports":
                print(f"- [{f['relation']}] {f['start']}-{f['end']}: {f['sentence']}")
                for r in f["reasons"]:
                    print(f"    {r}")
    return 1 if report["verdict"] == "conflict" else 0


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    """Create, list or revoke API keys (only hashes are stored)."""
    from service.records import Records

    records = Records(settings.records_path)
    try:
        if args.keys_cmd == "create":
            key, secret = records.create_key(args.agency, args.role, args.expires)
            print(f"Created {key.role} key {key.id} for {key.agency}. It is shown only once:")
            print(secret)
        elif args.keys_cmd == "list":
            for k in records.list_keys():
                state = "revoked" if k.revoked_at else "active"
                print(f"{k.id}  {k.role:<9}  {k.agency:<30}  {state}  created {k.created_at}"
                      + (f"  expires {k.expires_at}" if k.expires_at else ""))
        elif args.keys_cmd == "revoke":
            if not records.revoke_key(args.key_id):
                print(f"error: no active key {args.key_id}", file=sys.stderr)
                return 1
            print(f"Revoked {args.key_id}.")
    finally:
        records.close()
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the HTTP service with uvicorn."""
    import uvicorn

    from service.app import create_app
    from service.records import Records

    if args.bootstrap_key:
        records = Records(settings.records_path)
        key, secret = records.create_key(args.bootstrap_agency, "curator")
        records.close()
        print(f"Bootstrap curator key for agency {key.agency!r} (shown once):\n  {secret}", flush=True)
    print(f"Selaras on http://{settings.host}:{settings.port}  (API docs: /schema)", flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info",
                timeout_graceful_shutdown=30)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(prog="selaras", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)

    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--bootstrap-key", action="store_true", help="create and print a curator key first")
    serve.add_argument("--bootstrap-agency", default="demo")
    serve.set_defaults(func=cmd_serve)

    load = sub.add_parser("load", help="load positions from JSONL, CSV or a folder of .md/.txt")
    load.add_argument("file")
    load.add_argument("--agency", default="unknown", help="agency for .md/.txt files")
    load.add_argument("--kind", default="position", choices=["position", "vision", "statement"])
    load.add_argument("--quiet", action="store_true")
    load.set_defaults(func=cmd_load)

    check = sub.add_parser("check", help="check a draft file and print the report")
    check.add_argument("file")
    check.add_argument("--agency")
    check.add_argument("--json", action="store_true", help="print the full JSON report")
    check.set_defaults(func=cmd_check)

    keys = sub.add_parser("keys", help="manage API keys")
    ksub = keys.add_subparsers(dest="keys_cmd", required=True)
    create = ksub.add_parser("create")
    create.add_argument("--agency", required=True)
    create.add_argument("--role", required=True, choices=["submitter", "curator", "admin"])
    create.add_argument("--expires", help="ISO-8601 UTC time after which the key stops working")
    ksub.add_parser("list")
    revoke = ksub.add_parser("revoke")
    revoke.add_argument("key_id")
    keys.set_defaults(func=cmd_keys)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``selaras`` console script."""
    import logging

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args = build_parser().parse_args(argv)
    return args.func(args, Settings())


if __name__ == "__main__":
    sys.exit(main())
