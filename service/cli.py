"""The ``selaras`` command: serve, load positions, check drafts, manage keys."""

from __future__ import annotations

import argparse
import csv
import errno
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any, Iterator

from pydantic import ValidationError

from service.config import Settings
from service.documents import DOCUMENT_TYPES, DocumentError, DocumentFields, DocumentLimits, positions_from_files
from service.domain import PositionIn, Role
from service.logs import configure_logging
from service.records import DatabaseUrlError, NotMigrated, Records
from service.records.backup import export_backup, import_backup
from service.records.engine import database_url, open_engine
from service.records.migrate import head_revision, upgrade


def read_documents(path: Path, fields: DocumentFields, limits: DocumentLimits) -> list[PositionIn]:
    """Positions from a PDF, DOCX or HTML file, or from those in a folder (with .md/.txt beside them read by
    :func:`read_positions`). Every document is read before any is loaded; a bad one raises DocumentError."""
    files = [f for f in sorted(path.iterdir()) if f.suffix.lower() in DOCUMENT_TYPES] if path.is_dir() else [path]
    named = [(f.name, data) for f in files if (data := _read_regular_file(f, binary=True)) is not None]
    return [p for _, positions in positions_from_files(named, fields, limits) for p in positions]


def read_positions(path: Path, agency: str = "unknown", kind: str = "position") -> Iterator[dict[str, Any]]:
    """Positions from a JSONL or CSV file, or a folder of .md/.txt files (id = file name).

    In a folder only regular files are read: symbolic links are skipped with a warning (a link
    could make a position of any file the loading user may read).
    """
    if path.is_dir():
        for file in sorted([*path.glob("*.md"), *path.glob("*.txt")]):
            text = _read_regular_file(file)
            if text is None:
                continue
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


def _read_regular_file(file: Path, binary: bool = False) -> Any:
    """The file's text, or None (with a warning on stderr) when it is a symbolic link or not a regular file."""
    if file.is_symlink():
        print(f"warning: skipping {file}: a symbolic link (selaras load reads only regular files in the folder)",
              file=sys.stderr)
        return None
    try:
        # O_NOFOLLOW: a file swapped for a link since the check is refused too; O_NONBLOCK: a FIFO cannot hang us.
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            print(f"warning: skipping {file}: a symbolic link", file=sys.stderr)
            return None
        raise SystemExit(f"error: cannot read {file}: {exc.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        print(f"warning: skipping {file}: not a regular file", file=sys.stderr)
        return None
    if binary:
        with os.fdopen(fd, "rb") as raw:
            return raw.read()
    with os.fdopen(fd, encoding="utf-8") as fh:
        return fh.read()


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    """Load positions idempotently, with a progress bar."""
    from tqdm import tqdm

    from service.bootstrap import build_selaras, close_selaras

    path = Path(args.file)
    if not path.exists():
        print(f"error: {args.file} not found (a .jsonl/.csv/.pdf/.docx/.html file or a folder of them and "
              ".txt/.md)", file=sys.stderr)
        return 2
    if not path.is_dir() and path.suffix.lower() not in (*DOCUMENT_TYPES, ".jsonl", ".json", ".csv", ".txt", ".md"):
        print(f"error: {args.file}: files of type {path.suffix or '(none)'} cannot be loaded; give .jsonl, .csv, "
              f"{', '.join(DOCUMENT_TYPES)} or a folder", file=sys.stderr)
        return 2
    try:
        fields = DocumentFields.model_validate_form({"agency": args.agency, "kind": args.kind,
                                                     "effective_from": args.effective_from,
                                                     "supersedes": args.supersedes})
        items = read_documents(path, fields, DocumentLimits(max_bytes=settings.max_document_bytes,
                                                            max_pages=settings.max_document_pages)) \
            if path.is_dir() or path.suffix.lower() in DOCUMENT_TYPES else []
        if path.is_dir() or path.suffix.lower() not in DOCUMENT_TYPES:
            items += [PositionIn(**raw) for raw in read_positions(path, args.agency or "unknown", args.kind)]
    except DocumentError as exc:
        print(f"error: {exc} Nothing was loaded.", file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(f"error: {args.file} has an invalid position:\n{exc}", file=sys.stderr)
        return 2
    selaras = build_selaras(settings)
    counts: dict[str, int] = {}
    try:
        with tqdm(total=len(items), desc="positions", unit="pos", disable=args.quiet) as bar:
            for lo in range(0, len(items), 32):  # chunks: embedded together, each position stored atomically
                chunk = items[lo : lo + 32]
                for status in selaras.corpus.upsert_positions(chunk):
                    counts[status] = counts.get(status, 0) + 1
                bar.update(len(chunk))
        selaras.store.optimize()
        corpus_version = selaras.corpus.version()
    finally:
        close_selaras(selaras)
    print(json.dumps({"file": args.file, **counts, "corpus_version": corpus_version}))
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    """Check a draft file, or every .txt/.md draft in a folder; exit 1 if any conflicts (a publishing gate)."""
    from tqdm import tqdm

    from service.bootstrap import build_selaras, close_selaras

    target = Path(args.file)
    files = sorted([*target.glob("*.txt"), *target.glob("*.md")]) if target.is_dir() else [target]
    if not files:
        print(f"error: no .txt or .md drafts in {target}", file=sys.stderr)
        return 2
    out_dir = Path(args.out) if args.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    selaras = build_selaras(settings)
    reports = []
    try:
        for file in tqdm(files, desc="drafts", unit="draft", disable=len(files) == 1):
            report = selaras.checker.check_sync(file.read_text(encoding="utf-8"), agency=args.agency,
                                                title=file.stem).model_dump(mode="json", exclude={"review_url"})
            reports.append((file, report))
            if out_dir:
                (out_dir / f"{file.stem}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    finally:
        close_selaras(selaras)
    if args.json:
        body = [r for _, r in reports]
        print(json.dumps(body[0] if len(body) == 1 and not target.is_dir() else body, ensure_ascii=False, indent=2))
    elif len(reports) == 1 and not target.is_dir():
        print_report(reports[0][1])
    else:
        print(f"{'draft':<40} {'verdict':<9} {'score':>5}  supports/unsupported/conflicts")
        for file, r in reports:
            c = r["counts"]
            print(f"{file.name:<40} {r['verdict']:<9} {r['score']:>5}  "
                  f"{c['supports']}/{c['unsupported']}/{c['conflicts']}")
    return 1 if any(r["verdict"] == "conflict" for _, r in reports) else 0


def print_report(report: dict[str, Any]) -> None:
    """A report as a person reads it in a terminal."""
    print(f"{report['verdict'].upper()}  score {report['score']}  report {report['id']}")
    print(report["summary"])
    for f in report["findings"]:
        if f["relation"] != "supports":
            print(f"- [{f['relation']}] {f['start']}-{f['end']}: {f['sentence']}")
            for r in f["reasons"]:
                print(f"    {r}")


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    """Create, list or revoke API keys (only hashes are stored); rotate the review-link secret."""
    records = _records(settings)
    try:
        if args.keys_cmd == "create":
            try:
                key, secret = records.create_key(args.agency, args.role, args.expires)
            except ValueError as exc:
                print(f"error: --expires must be an ISO-8601 time such as 2026-12-31T23:59:59Z: {exc}", file=sys.stderr)
                return 2
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
        elif args.keys_cmd == "rotate-secret":
            records.rotate_secret()
            print("Rotated the review-link secret: every review link issued before now has stopped working "
                  "(running services use the new secret from their next request). API keys are unchanged.")
    finally:
        records.close()
    return 0


def _records(settings: Settings) -> Records:
    """The records the settings name (SQLite file or SELARAS_DATABASE_URL), for commands without the model."""
    return Records(settings.records_target, settings.database_pool_size)


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    """``db upgrade``: bring the records database to this release's schema (Alembic on PostgreSQL)."""
    engine = open_engine(database_url(settings.records_target), pool_size=1)
    try:
        before, after = upgrade(engine)
    finally:
        engine.dispose()
    where = engine.url.render_as_string(hide_password=True)
    if before == "sqlite":
        print(f"SQLite records file {where}: up to date (SQLite files are also upgraded whenever opened).")
    elif before == after:
        print(f"{where}: already at schema revision {after} (this release: {head_revision()}).")
    else:
        print(f"{where}: upgraded from {before or 'an empty database'} to schema revision {after}.")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write positions (with versions), key hashes and reports to a portable file."""
    records = _records(settings)
    try:
        counts = export_backup(records, Path(args.file))
    finally:
        records.close()
    print(json.dumps({"file": args.file, **counts}))
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """Restore a backup into an empty store (embedded or server), re-embedding positions."""
    from tqdm import tqdm

    from service.bootstrap import build_selaras, close_selaras

    selaras = build_selaras(settings)
    try:
        with tqdm(desc="positions", unit="pos", disable=args.quiet) as bar:
            counts = import_backup(selaras.corpus, Path(args.file), on_position=lambda _: bar.update())
        selaras.store.optimize()
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        close_selaras(selaras)
    print(json.dumps({"file": args.file, **counts}))
    return 0


def cmd_reindex(args: argparse.Namespace, settings: Settings) -> int:
    """Rebuild the vector store from the positions in the records (a lost Qdrant collection, a wiped
    volume). Re-embeds every position's current version; retired ones are written inactive."""
    from tqdm import tqdm

    from service.bootstrap import build_selaras, close_selaras

    selaras = build_selaras(settings)
    count = 0
    try:
        records = list(selaras.records.all_positions())
        for record in tqdm(records, desc="positions", unit="pos", disable=args.quiet):
            selaras.corpus.index_record(record)
            count += 1
        selaras.store.optimize()
    finally:
        close_selaras(selaras)
    print(json.dumps({"reindexed": count}))
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the HTTP service with uvicorn (several workers only with a Qdrant server)."""
    import uvicorn


    if args.workers > 1 and not settings.qdrant_url:
        print("error: --workers > 1 needs a Qdrant server (SELARAS_QDRANT_URL): the embedded store "
              "in SELARAS_DATA_DIR can be opened by one process only.", file=sys.stderr)
        return 2
    # Open the records once before uvicorn: an unmigrated database is refused here with its message.
    _records(settings).close()
    if args.bootstrap_key:
        if not args.bootstrap_hours > 0:
            print("error: --bootstrap-hours must be positive", file=sys.stderr)
            return 2
        records = _records(settings)
        try:
            key, secret, revoked = records.create_bootstrap_key(args.bootstrap_agency, args.bootstrap_hours)
        finally:
            records.close()
        print(f"Bootstrap curator key {key.id} for agency {key.agency!r}, valid until {key.expires_at} "
              f"(shown once):\n  {secret}", flush=True)
        if revoked:
            print(f"The previous bootstrap key {revoked} is revoked.", flush=True)
    docs = "API docs: /schema/swagger" if settings.docs else "OpenAPI: /schema/openapi.json"
    print(f"Selaras on http://{settings.host}:{settings.port}  ({docs})", flush=True)
    # The factory string lets uvicorn start each worker process with its own model and store client.
    uvicorn.run("service.app:create_app", factory=True, host=settings.host, port=settings.port,
                workers=args.workers, log_config=None, access_log=False, timeout_graceful_shutdown=30)
    return 0


def cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    """Train a model (``nli``: the pair classifier; logic in training.train_nli)."""
    from training.train_nli import main_train  # offline tooling (torch training): loaded only for this command

    args.cache_dir = args.cache_dir or str(settings.cache_dir)
    return main_train(args)


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Evaluate (``nli``: the service's judge on IndoNLI-format pairs; logic in training.evaluate)."""
    from training.evaluate import main_eval  # offline tooling: loaded only for this command

    return main_eval(args, settings)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and docs)."""
    parser = argparse.ArgumentParser(prog="selaras", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)

    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--bootstrap-key", action="store_true",
                       help="create and print a curator key first (it expires; the previous bootstrap key is revoked)")
    serve.add_argument("--bootstrap-agency", default="demo")
    serve.add_argument("--bootstrap-hours", type=float, default=24, help="lifetime of the bootstrap key (default 24)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (Qdrant server mode only)")
    serve.set_defaults(func=cmd_serve)

    load = sub.add_parser("load", help="load positions from JSONL, CSV, PDF, DOCX, HTML, or a folder of those and .md/.txt")
    load.add_argument("file")
    load.add_argument("--agency", help="agency of documents and .md/.txt files (default: what a document says; "
                                       "'unknown' for .md/.txt)")
    load.add_argument("--kind", default="position", choices=["position", "vision", "statement"])
    load.add_argument("--effective-from", help="ISO date documents take effect (default: their dateline's date)")
    load.add_argument("--supersedes", help="comma-separated ids of positions the loaded documents replace")
    load.add_argument("--quiet", action="store_true")
    load.set_defaults(func=cmd_load)

    check = sub.add_parser("check", help="check a draft file (or a folder of drafts) and print the report")
    check.add_argument("file", help="a .txt/.md draft, or a folder of them")
    check.add_argument("--out", help="folder to write one JSON report per draft")
    check.add_argument("--agency")
    check.add_argument("--json", action="store_true", help="print the full JSON report")
    check.set_defaults(func=cmd_check)

    export = sub.add_parser("export", help="back up positions, versions, key hashes and reports to FILE")
    export.add_argument("file")
    export.set_defaults(func=cmd_export)
    restore = sub.add_parser("import", help="restore a backup FILE into an empty store")
    restore.add_argument("file")
    restore.add_argument("--quiet", action="store_true")
    restore.set_defaults(func=cmd_import)

    reindex = sub.add_parser("reindex", help="rebuild the vector store from the stored positions (lost collection)")
    reindex.add_argument("--quiet", action="store_true")
    reindex.set_defaults(func=cmd_reindex)

    keys = sub.add_parser("keys", help="manage API keys")
    ksub = keys.add_subparsers(dest="keys_cmd", required=True)
    create = ksub.add_parser("create")
    create.add_argument("--agency", required=True)
    create.add_argument("--role", required=True, choices=[role.value for role in Role])
    create.add_argument("--expires", help="ISO-8601 UTC time after which the key stops working")
    ksub.add_parser("list")
    revoke = ksub.add_parser("revoke")
    revoke.add_argument("key_id")
    ksub.add_parser("rotate-secret", help="replace the secret that signs review links (all links stop working)")
    keys.set_defaults(func=cmd_keys)

    db = sub.add_parser("db", help="the records database (SQLite file, or PostgreSQL at SELARAS_DATABASE_URL)")
    dsub = db.add_subparsers(dest="db_cmd", required=True)
    dsub.add_parser("upgrade", help="migrate the database to this release's schema (once per database, before "
                                    "starting replicas)")
    db.set_defaults(func=cmd_db)

    train = sub.add_parser("train", help="train a model")
    tsub = train.add_subparsers(dest="train_cmd", required=True)
    tnli = tsub.add_parser("nli", help="train the pair classifier on IndoNLI (CPU; see training/train_nli.py)")
    tnli.add_argument("--data", default=None, help="IndoNLI folder (default: ../shared/data/indonli beside the repo)")
    tnli.add_argument("--base-model", help="base model dir (default: the converted default model)")
    tnli.add_argument("--cache-dir", help="default: SELARAS_CACHE_DIR")
    tnli.add_argument("--out", default=None, help="weights folder (default: service/judge/weights)")
    tnli.add_argument("--layers", type=int, default=6, help="top layers to train")
    tnli.add_argument("--epochs", type=int, default=3)
    tnli.add_argument("--lr", type=float, default=1e-4)
    tnli.add_argument("--layer-decay", type=float, default=1.0,
                      help="learning rate of each lower trained layer x this (1.0: all layers alike)")
    tnli.add_argument("--batch-size", type=int, default=32)
    tnli.add_argument("--seed", type=int, default=13)
    tnli.add_argument("--limit", type=int, help="train on this many pairs only (quick runs)")
    tnli.add_argument("--neighbours", type=int, default=600, help="neighbouring-topic neutral pairs to add")
    tnli.add_argument("--synthetic", type=int, default=0,
                      help="add this many pairs made from IndoSum news sentences (training/synthetic.py)")
    tnli.add_argument("--crosslingual", type=int, default=0,
                      help="add this many English-Indonesian template pairs (training/crosslingual.py)")
    tnli.add_argument("--press", action="store_true",
                      help="add pairs from the press development sets (training/press_pairs.py)")
    tnli.add_argument("--press-limit", type=int, default=0,
                      help="with --press: at most this many press pairs, each label keeping its share (0: all)")
    tnli.add_argument("--indosum", default=None, help="IndoSum folder (default: ../shared/data/indosum)")
    tnli.add_argument("--threads", type=int, default=1)
    tnli.add_argument("--storage", default="auto", choices=["auto", "fp16", "int8"],
                      help="weights file format (auto: fp16 if it fits 25 MB, else int8 rows + scales)")
    tnli.add_argument("--no-calibrate", action="store_true", help="skip the judge-threshold calibration")
    tnli.add_argument("--calibrate-only", action="store_true", help="only re-calibrate the installed weights")
    train.set_defaults(func=cmd_train)

    evaluate = sub.add_parser("eval", help="evaluate a model")
    esub = evaluate.add_subparsers(dest="eval_cmd", required=True)
    enli = esub.add_parser("nli", help="run the service's judge on IndoNLI-format pairs and print metrics (JSON)")
    enli.add_argument("file", help="JSONL with premise, hypothesis, label (e/n/c)")
    enli.add_argument("--mode", default="service", choices=["service", "rules", "classifier", "all"])
    enli.add_argument("--limit", type=int, help="first N pairs only")
    enli.add_argument("--nli", choices=["on", "off"], help="override SELARAS_NLI")
    evaluate.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``selaras`` console script."""
    configure_logging()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args, Settings())
    except (NotMigrated, DatabaseUrlError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
