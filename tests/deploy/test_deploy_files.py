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


def test_replicas_share_postgresql_behind_one_proxy_after_one_migration():
    for path, replicas in ((COMPOSE_FILES[0], 1), (COMPOSE_FILES[1], 2)):
        services = yaml.safe_load(path.read_text())["services"]
        selaras, migrate = services["selaras"], services["migrate"]
        url = selaras["environment"]["SELARAS_DATABASE_URL"]
        assert url.startswith("postgresql://") and url == migrate["environment"]["SELARAS_DATABASE_URL"], path
        assert migrate["command"] == ["selaras", "db", "upgrade"], path
        assert selaras["depends_on"]["migrate"]["condition"] == "service_completed_successfully", path
        assert services["postgres"]["image"].startswith("postgres:"), path
        assert selaras.get("deploy", {}).get("replicas", 1) >= replicas, path
    cluster = yaml.safe_load(COMPOSE_FILES[1].read_text())
    services = cluster["services"]
    assert "ports" not in services["selaras"] and services["proxy"]["ports"] == ["8000:8000"]
    assert "server selaras:8000" in cluster["configs"]["nginx-selaras"]["content"]
    assert "pg_basebackup" in " ".join(services["postgres-replica"]["command"])
    assert not [name for name, s in services.items() if name.startswith(("postgres", "qdrant")) and "ports" in s]


@pytest.mark.skipif(shutil.which("hadolint", path=str(BIN)) is None, reason="hadolint did not install")
def test_dockerfile_lints_clean():
    done = subprocess.run([str(BIN / "hadolint"), str(ROOT / "deploy/Dockerfile")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


LOCK = ROOT / "deploy/requirements.lock"
TORCH_PIN = "torch==2.13.0"


def _logical_lines(path: Path) -> list[str]:
    """Lines with backslash continuations joined; comments and blank lines dropped."""
    out, current = [], ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):  # a comment between continuation lines
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        out.append(current + line)
        current = ""
    assert not current, f"{path} ends inside a continued line"
    return out


def _lock() -> dict[str, tuple[str, list[str]]]:
    """``{normalised name: (version, [sha256 hashes])}`` from the lock file."""
    import re

    from packaging.utils import canonicalize_name

    pins: dict[str, tuple[str, list[str]]] = {}
    for line in _logical_lines(LOCK):
        requirement, *options = line.split(" --")
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", requirement.strip())
        assert match, f"lock line is not a plain name==version pin: {line[:120]}"
        hashes = [o.removeprefix("hash=sha256:").strip() for o in options if o.startswith("hash=sha256:")]
        assert len(hashes) == len(options), f"lock line has options other than sha256 hashes: {line[:120]}"
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), f"no valid hashes: {line[:120]}"
        name = canonicalize_name(match[1])
        assert name not in pins, f"{name} is pinned twice in the lock"
        pins[name] = (match[2], hashes)
    return pins


def _runtime_requirements():
    import tomllib

    from packaging.requirements import Requirement

    env = {"python_version": "3.11", "python_full_version": "3.11.0", "sys_platform": "linux",
           "platform_system": "Linux", "platform_machine": "x86_64", "os_name": "posix",
           "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return [r for r in map(Requirement, deps) if r.marker is None or r.marker.evaluate(env)]


def test_lock_pins_every_runtime_dependency_with_hashes():
    from packaging.utils import canonicalize_name

    pins = _lock()
    assert len(pins) > 40, "the lock should hold the whole dependency tree, not only the direct dependencies"
    missing, outside = [], []
    for req in _runtime_requirements():
        name = canonicalize_name(req.name)
        if name == "torch":  # installed first, pinned, from the CPU index: the Dockerfile test checks it
            assert "torch" not in pins, "torch is installed from the CPU index, not from the lock"
            assert req.specifier.contains(TORCH_PIN.split("==")[1]), f"{TORCH_PIN} is outside pyproject's {req}"
            continue
        if name not in pins:
            missing.append(str(req))
        elif not req.specifier.contains(pins[name][0], prereleases=True):
            outside.append(f"{req} (lock has {pins[name][0]})")
    assert not missing, f"runtime dependencies missing from {LOCK.name}: {missing}"
    assert not outside, f"lock versions outside pyproject's ranges: {outside}"


def test_lock_holds_the_dependencies_of_torch_and_the_build_backend():
    # torch is installed with --no-deps, so what it needs must come (hashed) from the lock; so must
    # setuptools, the build backend used by `pip install --no-deps --no-build-isolation .`.
    import importlib.metadata
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins = _lock()
    needed = [Requirement(r) for r in importlib.metadata.requires("torch") or []]
    needed = [r for r in needed if r.marker is None or r.marker.evaluate({"python_version": "3.11", "extra": ""})]
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    needed += [Requirement(r) for r in backend]
    missing = [str(r) for r in needed if canonicalize_name(r.name) not in pins]
    assert not missing, f"needed by torch or the build backend but not in the lock: {missing}"
    outside = [f"{r} (lock has {pins[canonicalize_name(r.name)][0]})" for r in needed
               if not r.specifier.contains(pins[canonicalize_name(r.name)][0], prereleases=True)]
    assert not outside, outside


def test_dockerfile_installs_torch_then_the_hashed_lock_then_the_project_without_deps():
    lines = _logical_lines(ROOT / "deploy/Dockerfile")
    installs = [(i, line) for i, line in enumerate(lines) if "pip install" in line]
    torch = [i for i, line in installs if TORCH_PIN in line.split() and "--no-deps" in line.split()]
    lock = [i for i, line in installs
            if "--require-hashes" in line.split() and "-r deploy/requirements.lock" in line]
    project = [i for i, line in installs
               if {"--no-deps", "--no-build-isolation", "."} <= set(line.split("&&")[0].split())]
    assert len(torch) == 1, f"torch must be installed once, pinned ({TORCH_PIN}) with --no-deps: {installs}"
    assert len(lock) == 1, f"the lock must be installed with --require-hashes: {installs}"
    assert len(project) == 1, f"the project must be installed with --no-deps --no-build-isolation: {installs}"
    assert torch[0] < lock[0] < project[0], "order: torch, then the lock, then the project"
    assert len(installs) == 3, f"no other pip install may fetch unhashed packages: {installs}"
    copies = [i for i, line in enumerate(lines) if line.startswith("COPY") and "deploy/requirements.lock" in line]
    assert copies and copies[0] < lock[0], "the lock must be copied into the image before it is installed"


def test_compose_files_run_the_qdrant_release_matching_the_locked_client():
    # qdrant-client and the server share version numbers; the client warns past one minor apart.
    locked = _lock()["qdrant-client"][0]
    for path in COMPOSE_FILES:
        images = {s["image"] for s in yaml.safe_load(path.read_text())["services"].values()
                  if str(s.get("image", "")).startswith("qdrant/qdrant")}
        assert images, f"no Qdrant image in {path}"
        for image in images:
            tag = image.split(":", 1)[1] if ":" in image else "latest"
            parts = tag.removeprefix("v").split(".")
            assert len(parts) == 3 and all(p.isdigit() for p in parts), f"{path}: pin a release tag, not {image}"
            assert parts[:2] == locked.split(".")[:2], f"{path}: {image} is not qdrant-client {locked}'s release"
