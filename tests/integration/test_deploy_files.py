"""No Docker engine runs here, so deployment files are checked statically with maintained validators."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILES = [ROOT / "docker-compose.yml", ROOT / "deploy/qdrant-cluster/docker-compose.yml"]
BIN = Path(sys.executable).parent


def test_compose_files_match_the_compose_specification():
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec",
                           *map(str, COMPOSE_FILES)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_cluster_is_replicated_and_peer_port_private():
    cluster = yaml.safe_load(COMPOSE_FILES[1].read_text())
    services = cluster["services"]
    nodes = [name for name in services if name.startswith("qdrant-")]
    assert len(nodes) == 3
    for name in nodes:
        assert "ports" not in services[name], f"{name} must not publish ports"
        assert services[name]["environment"]["QDRANT__CLUSTER__ENABLED"] == "true"
    env = services["selaras"]["environment"]
    assert int(env["SELARAS_QDRANT_REPLICAS"]) == 2
    assert 1 <= int(env["SELARAS_QDRANT_WRITE_CONSISTENCY"]) <= 2


@pytest.mark.skipif(shutil.which("hadolint", path=str(BIN)) is None, reason="hadolint did not install")
def test_dockerfile_lints_clean():
    done = subprocess.run([str(BIN / "hadolint"), str(ROOT / "deploy/Dockerfile")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
