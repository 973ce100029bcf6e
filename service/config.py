"""Configuration from the environment (``SELARAS_*``), one object for the whole service."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from service.judge.policy import JudgePolicy

_POLICY = JudgePolicy()


class Settings(BaseSettings):
    """Every setting has a default that runs the embedded single-office service."""

    model_config = SettingsConfigDict(env_prefix="SELARAS_", env_file=None, extra="ignore")

    # Storage -------------------------------------------------------------
    data_dir: Path = Field(Path("var/data"), description="Embedded store, records (SQLite) and reports.")
    cache_dir: Path = Field(Path(".cache"), description="Converted default model lives here.")
    database_url: str | None = Field(None, description="PostgreSQL URL of the records (postgresql://user:pass@host/db); "
                                     "unset = the SQLite file in data_dir. Migrate first: `selaras db upgrade`.")
    database_pool_size: int = Field(10, ge=1, le=200, description="Pooled connections per process (as many again "
                                                                   "may open in bursts).")
    qdrant_url: str | None = Field(None, description="Qdrant server URL; unset = embedded qdrant-edge.")
    qdrant_api_key: str | None = None
    qdrant_collection: str = "selaras_passages"
    qdrant_shards: int = Field(1, ge=1)
    qdrant_replicas: int = Field(1, ge=1)
    qdrant_write_consistency: int = Field(1, ge=1, description="write_consistency_factor (≤ replicas).")
    exact_search_below: int = Field(20_000, ge=0, description="Search exactly below this many passages; above, "
                                    "the graph (bench/scale.py: exact hybrid search costs 229 ms per check at 100k "
                                    "passages, the int8 graph 38-50 ms at recall@10 0.996).")
    hnsw_ef: int = Field(512, ge=16, description="Graph search breadth above exact_search_below (bench/scale.py: "
                         "recall@10 0.9967 at 200k passages with 512, 0.989 with 256).")
    hnsw_m: int = Field(32, ge=4, le=128, description="Graph links per node; fixed when the collection is created.")
    hnsw_ef_construct: int = Field(256, ge=16, le=2048, description="Graph build breadth; fixed at creation.")
    quantization: Literal["none", "int8"] = Field(
        "int8", description="int8: also keep the dense vectors as int8 scalars in RAM; graph searches run on them "
        "and rescore the best quantization_oversampling x limit with the full vectors. Fixed at creation.")
    quantization_oversampling: float = Field(2.0, ge=1.0, le=16.0)
    retrieval: Literal["hybrid", "dense"] = Field(
        "hybrid", description="hybrid: dense and sparse lexical (BM25-style) search fused (DBSF) in one Qdrant "
        "query; dense: the embedding only. Similarities are the dense cosine either way. bench/recall.py: recall@1 "
        "press 83.7 -> 87.0 %, IndoNLI 72.4 -> 90.3 %; bench.press_eval unchanged (41/92, 23/53, 4/73).")
    compact_interval_s: float = Field(30.0, gt=0, description="How often the embedded store is considered for "
                                                               "compaction (after corpus writes, when idle).")
    compact_idle_s: float = Field(2.0, ge=0, description="Seconds without a running check before compacting.")
    compact_max_wait_s: float = Field(60.0, gt=0, description="Compact even under load once writes waited this long.")

    # Model ---------------------------------------------------------------
    model: str = Field("default", description="'default' (converted multilingual-e5-small) or any ST id/path.")
    backend: Literal["onnx-int8", "torch"] = Field(
        "onnx-int8", description="onnx-int8: 3x faster on CPU, cosine 0.997 to fp32; torch: the fp32 reference.")
    torch_threads: int = Field(1, ge=1, description="1 per worker stayed fast under load on 2 shared cores.")
    embed_batch_size: int = Field(8, ge=1, description="Forward-pass batch; small batches pad less (bench/README).")
    encoder_workers: int = Field(2, ge=1, description="Encoder threads sharing the model; one per core.")
    embed_cache_size: int = Field(20000, ge=0, description="Sentences whose embeddings are kept (LRU).")

    # HTTP ----------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    max_body_bytes: int = Field(1_000_000, ge=1024)
    max_sentences: int = Field(400, ge=1)
    max_sentence_chars: int = Field(2000, ge=50)
    max_positions_per_request: int = Field(1000, ge=1)
    max_document_bytes: int = Field(10_000_000, ge=1024, description="One uploaded or loaded document (PDF, DOCX, "
                                    "HTML); an upload request is at most service.api.uploads.MAX_UPLOAD_BODY in all.")
    max_document_pages: int = Field(300, ge=1, description="Pages of one PDF read.")
    max_queue: int = Field(64, ge=1, description="Checks waiting for the encoder before 503.")
    rate_limit_per_minute: int = Field(600, ge=1, description="Requests per minute per API key (429 beyond).")
    rate_limit_burst: int = Field(60, ge=1, description="Requests a key may send at once before the per-minute rate applies.")

    # Work limits: requests are not work (one 400-sentence draft took 6.2 s), so sentences are counted.
    # A press statement is rarely over 10,000 characters; bench/worst_case.py measured 17.9 CPU-s for
    # 199,000 characters of figure-dense sentences, so the limit halves the worst single request.
    max_draft_chars: int = Field(100_000, ge=1000, description="Characters in one draft, checked before splitting.")
    max_statement_chars: int = Field(30_000, ge=1000, description="Characters in one published statement.")
    max_batch_sentences: int = Field(2000, ge=1, description="Sentences in all drafts of one batch together.")
    # 1,200: 48 ordinary 25-sentence drafts a minute, while the worst drafts one key may send cost
    # about a quarter of this 2-core machine (bench/worst_case.py).
    sentences_per_minute: int = Field(1200, ge=1, description="Draft sentences checked per API key per minute.")
    max_concurrent_checks: int = Field(4, ge=1, description="Check requests one API key may have in flight.")
    check_timeout_s: float = Field(30.0, gt=0, description="Time budget of one check; past it the request gets 503.")
    cors_origins: list[str] = Field(default_factory=list)
    review_link_days: int = Field(30, ge=1, le=365, description="Days a report's review link works; it also ends "
                                                                "when the key that made the report is revoked.")
    docs: bool = Field(False, description="Interactive API docs under /schema (their scripts come from a CDN); "
                                          "off: /schema serves the OpenAPI document only.")

    # Judging -------------------------------------------------------------
    top_k: int = Field(5, ge=1, le=50, description="Reference passages retrieved per sentence.")
    # The judge's bars come from its policy (service/judge/policy.py, where each value is explained).
    related_threshold: float = Field(
        _POLICY.related_threshold, description="Cosine above which a passage is on the same topic (rules-only "
        "judge; with the trained classifier, the value calibrated in service/judge/weights/nli-meta.json applies).")
    support_threshold: float = Field(_POLICY.support_threshold,
                                     description="Cosine above which a same-topic passage supports.")
    nli: Literal["on", "off"] = Field(
        "on", description="Trained pair classifier (service/judge/weights) beside the rules, when installed.")
    nli_candidates: int = Field(_POLICY.nli_candidates, ge=1, le=10,
                                description="Best related passages per sentence the classifier scores.")
    nli_threads: int = Field(2, ge=1, le=64, description="Threads scoring classifier pairs (one pair per run each).")
    nli_min_shared_words: int = Field(
        _POLICY.nli_min_shared_words, ge=0, le=10, description="Same-language pairs sharing fewer content words are "
        "scored neutral without running the classifier (0: score every pair).")

    @cached_property
    def records_path(self) -> Path:
        """SQLite file holding positions, versions, reports and API keys (when no database_url is set)."""
        return self.data_dir / "records.sqlite3"

    @property
    def records_target(self) -> Path | str:
        """Where the records are: the PostgreSQL URL when set, else the SQLite file."""
        return self.database_url or self.records_path
