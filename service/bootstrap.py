"""Build and tear down the service core from settings (shared by the API and the CLI)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from embeddings.encoder import Encoder, load_model
from embeddings.model_cache import DEFAULT_MODEL_NAME, ensure_default_model
from embeddings.onnx_int8 import SCHEME
from service.checking import CheckLimits, Checker
from service.config import Settings
from service.corpus import Corpus
from service.judge.judge import Judge
from service.judge.nli import NliClassifier, read_meta, weights_present
from service.judge.policy import JudgePolicy
from service.records import Records
from service.store.base import VectorStore
from service.store.factory import open_store

log = logging.getLogger("selaras")


def build_judge(settings: Settings) -> Judge:
    """The judge: rules plus the trained pair classifier when its weights are installed.

    With ``SELARAS_NLI=on`` (default) and weights present, the classifier is loaded on the
    default base model (verified: a corrupt or mismatched file raises NliWeightsError rather
    than silently judging with rules only) and the thresholds calibrated at training time are
    applied, including its own (lower) ``related_threshold``: with the classifier attached, it
    rather than cosine separates neighbouring topics. ``SELARAS_NLI=off`` or absent weights give the rules-only judge.
    """
    policy = JudgePolicy(related_threshold=settings.related_threshold, support_threshold=settings.support_threshold,
                         nli_candidates=settings.nli_candidates, nli_min_shared_words=settings.nli_min_shared_words)
    if settings.nli == "off":
        return Judge(policy=policy)
    if not weights_present():
        log.warning("no trained classifier weights installed; judging with rules only")
        return Judge(policy=policy)
    started = time.perf_counter()
    # The classifier sits on the default e5 model whatever embedding model is configured;
    # its loader checks the base weights' fingerprint.
    classifier = NliClassifier.load(ensure_default_model(settings.cache_dir), backend=settings.backend,
                                    cache_dir=settings.cache_dir, threads=settings.nli_threads)
    # Calibration records the policy's own field names (training.calibrate); nothing else in the record applies.
    policy = policy.updated(read_meta().get("judge", {}))
    log.info("pair classifier %s (%s) loaded in %.1f s; policy %s", classifier.version, classifier.backend,
             time.perf_counter() - started, policy)
    return Judge(classifier, f"rules+{classifier.version}", policy)


@dataclass(frozen=True)
class Selaras:
    """The assembled service core: opened by the app's lifespan (or a CLI command), handed to routes by DI."""

    settings: Settings
    records: Records
    store: VectorStore
    encoder: Encoder
    corpus: Corpus
    checker: Checker


def build_selaras(settings: Settings) -> Selaras:
    """Open records and store, load the model, start the encoder worker."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    records = Records(settings.records_target, settings.database_pool_size)
    store = open_store(settings.data_dir, settings.qdrant_url, settings.qdrant_api_key,
                       collection=settings.qdrant_collection, shards=settings.qdrant_shards,
                       replicas=settings.qdrant_replicas,
                       write_consistency=settings.qdrant_write_consistency, exact_below=settings.exact_search_below,
                       hnsw_ef=settings.hnsw_ef, retrieval=settings.retrieval, hnsw_m=settings.hnsw_m,
                       hnsw_ef_construct=settings.hnsw_ef_construct, quantization=settings.quantization,
                       oversampling=settings.quantization_oversampling)
    started = time.perf_counter()
    model = load_model(settings.model, settings.cache_dir, settings.torch_threads, settings.backend)
    log.info("model %s (%s) loaded in %.1f s", settings.model, settings.backend, time.perf_counter() - started)
    encoder = Encoder(model, model_name=_encoder_name(settings), batch_size=settings.embed_batch_size,
                      max_queue=settings.max_queue, cache_size=settings.embed_cache_size,
                      workers=settings.encoder_workers)
    corpus = Corpus(encoder, store, records)
    limits = CheckLimits(top_k=settings.top_k, max_sentences=settings.max_sentences,
                         max_sentence_chars=settings.max_sentence_chars, max_draft_chars=settings.max_draft_chars,
                         check_timeout_s=settings.check_timeout_s)
    return Selaras(settings, records, store, encoder, corpus,
                   Checker(corpus, build_judge(settings), limits, settings.cache_dir))


def close_selaras(selaras: Selaras) -> None:
    """Finish queued embedding work, then close store and records."""
    selaras.encoder.close()
    selaras.store.close()
    selaras.records.close()


def _encoder_name(settings: Settings) -> str:
    """The embedder as /ready reports it; also the key of vectors cached on disk (the vision
    exemplars), so it names the int8 weight scheme: another scheme gives other vectors."""
    backend = f"onnx-int8 {SCHEME}" if settings.backend == "onnx-int8" else settings.backend
    return f"{_model_name(settings.model)} ({backend})"


def _model_name(model: str) -> str:
    return DEFAULT_MODEL_NAME if model in ("", "default") else model
