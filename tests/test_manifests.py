"""Kubernetes manifests (examples/<app>/k8s/*.yaml), found by walking the folder: each validates against
the official schema of a pinned Kubernetes version and agrees with the image it runs (notekit/manifests.py).
A table of contradicting manifests proves each cross-check fails with its one line. Applying them to a
cluster is the CI workflow's kind job; the test here checks that job's commands against the site.
"""

from __future__ import annotations

import re
import shlex
from importlib.metadata import version

import pytest
from ruamel.yaml import YAML

from notekit import manifests
from tests.conftest import ROOT, note, shown_commands

MANIFESTS = manifests.manifest_files()
DEPLOYMENT = ROOT / "examples" / "hello" / "k8s" / "deployment.yaml"
DOCKERFILE = "examples/hello/Dockerfile.multistage"


def line_of(path, needle: str) -> int:
    return next(n for n, text in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), 1) if needle in text)


def test_manifests_are_found_and_the_run_names_what_they_were_checked_against():
    assert DEPLOYMENT in MANIFESTS, "examples/hello/k8s/deployment.yaml is the chapter's manifest; the walk missed it"
    note("Kubernetes manifests", f"{len(MANIFESTS)} files under examples/*/k8s/, checked against the official schema of "
         f"Kubernetes {manifests.KUBERNETES} (kubernetes-validate {version('kubernetes-validate')}) and the images they run")
    note("Kubernetes manifests", "applying them to a cluster: UNVERIFIED here (no cluster can run on this machine); "
         "the CI workflow's kind job applies them on GitHub's runner")


@pytest.mark.parametrize("path", MANIFESTS, ids=manifests.shown)
def test_manifest_matches_the_official_schema(path):
    assert manifests.schema_problems(path) == []


@pytest.mark.parametrize("path", MANIFESTS, ids=manifests.shown)
def test_manifest_agrees_with_the_image_it_runs(path, catalogue):
    assert manifests.image_problems(path, catalogue.examples.examples) == []


FIELD = "spec.template.spec."
CONTAINER = FIELD + "containers[0]."
SCHEMA = "(schema of Deployment apps/v1, Kubernetes {k8s})"
CONTRADICTIONS = [  # (a line of deployment.yaml, what a contributor might write instead, the one line it fails with)
    ("runAsUser: 65532", "runAsUser: 1000", f"{FIELD}securityContext.runAsUser 1000 contradicts {DOCKERFILE}:{{user}}: USER 65532:65532"),
    ("runAsGroup: 65532", "runAsGroup: 0", f"{FIELD}securityContext.runAsGroup 0 contradicts {DOCKERFILE}:{{user}}: USER 65532:65532"),
    ("containerPort: 8080", "containerPort: 8081", f"{CONTAINER}ports[0].containerPort 8081 contradicts {DOCKERFILE}:{{expose}}: EXPOSE 8080"),
    ("path: /", "path: /healthz", f"{CONTAINER}readinessProbe.httpGet.path /healthz contradicts data/examples.yml: hello-multistage http.path /"),
    ("port: http", "port: 9090", f"{CONTAINER}readinessProbe.httpGet.port 9090 contradicts {CONTAINER}ports: no port by that number or name"),
    ("terminationGracePeriodSeconds: 10", "terminationGracePeriodSeconds: 5", f"{FIELD}terminationGracePeriodSeconds 5 contradicts "
     "examples/hello/main.go:{grace}: const shutdownGrace = 5 * time.Second: the pod's grace must be longer"),
    ("image: hello-multistage:0.1", "image: args:0.1", f"{CONTAINER}image args:0.1 contradicts data/examples.yml: no example built "
     "from examples/hello/ has this image; known: {hello}"),
    ("image: hello-multistage:0.1", "image: hello-multistag:0.1", f"{CONTAINER}image hello-multistag:0.1 contradicts data/examples.yml: "
     "no example built from examples/hello/ has this image; did you mean hello-multistage:0.1? known: {hello}"),
    ("replicas: 2", "replicas: two", f"spec.replicas: 'two' is not of type 'integer', 'null' {SCHEMA}"),
    ("containerPort: 8080", "containerPot: 8080", f"{CONTAINER}ports[0].containerPot: 'containerPort' is a required property; "
     f"'containerPot' is not a field here {SCHEMA}"),
]


@pytest.mark.parametrize(("line", "written", "message"), CONTRADICTIONS, ids=[c[1] for c in CONTRADICTIONS])
def test_a_contradicting_manifest_fails_with_one_line_naming_both_sides(line, written, message, tmp_path, catalogue):
    path = tmp_path / "hello" / "k8s" / "deployment.yaml"  # the app folder's name ties it to the images built there
    path.parent.mkdir(parents=True)
    path.write_text(DEPLOYMENT.read_text(encoding="utf-8").replace(line, written, 1), encoding="utf-8")
    hello = ", ".join(e.image for e in catalogue.examples.examples if e.dockerfile.startswith("examples/hello/"))
    where = {"user": line_of(DOCKERFILE, "USER "), "expose": line_of(DOCKERFILE, "EXPOSE "), "hello": hello,
             "grace": line_of("examples/hello/main.go", "const shutdownGrace"), "k8s": manifests.KUBERNETES}
    expected = f"{path}:{line_of(path, written)}: {message.format(**where)}"
    assert manifests.schema_problems(path) + manifests.image_problems(path, catalogue.examples.examples) == [expected]


def test_kind_job_builds_with_the_page_command_and_applies_every_manifest(built_site, catalogue):
    """The workflow's cluster run uses what the reader sees: the site's build commands, the validated version."""
    job = YAML(typ="safe").load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))["jobs"]["kind"]
    lines = [text.strip() for step in job["steps"] for text in step.get("run", "").splitlines()]
    builds = [text for text in lines if text.startswith("docker image build")]
    shown = sorted({text for _, text in shown_commands(built_site, "") if text.startswith("docker image build")})
    assert builds and set(builds) <= set(shown), f"the kind job's {builds} are not what the site prints: {shown}"
    built = {shlex.split(text)[shlex.split(text).index("-t") + 1] for text in builds}
    loaded = {text.split()[-1] for text in lines if text.startswith("kind load docker-image")}
    run = {m[1] for path in MANIFESTS for m in re.finditer(r"^\s*(?:- )?image: (\S+)$", path.read_text(encoding="utf-8"), re.M)}
    assert run <= loaded <= built, f"the kind job must build and load every image the manifests run: {sorted(run)}"
    expect = next(shlex.split(text)[3] for text in lines if "scripts.kind_expect" in text)
    assert {e.image for e in catalogue.examples.examples if e.id == expect} <= run, f"kind_expect {expect} runs in no manifest"
    node = next(re.search(r"kindest/node:v(\d+\.\d+)\.\d+@sha256:[0-9a-f]{64}", text) for text in lines if "kindest/node" in text)
    assert node and node[1] == manifests.KUBERNETES, "pin the kind node image (by digest) to the validated Kubernetes minor"
    applied = {shlex.split(text)[-1].rstrip("/") for text in lines if text.startswith("kubectl apply -f")}
    assert applied == {manifests.shown(p.parent) for p in MANIFESTS}, "the kind job applies every k8s/ folder"


@pytest.mark.parametrize("user", ["USER nobody\n", ""], ids=["named USER", "no USER"])
def test_run_as_non_root_needs_a_numeric_user_other_than_root(user, tmp_path, catalogue):
    """The kubelet refuses runAsNonRoot when the image's USER is a name, or root (no USER at all)."""
    (tmp_path / "hello" / "k8s").mkdir(parents=True)
    dockerfile = tmp_path / "hello" / "Dockerfile"
    dockerfile.write_text(f"FROM scratch\n{user}EXPOSE 8080\n", encoding="utf-8")
    (tmp_path / "hello" / "main.go").write_text((ROOT / "examples/hello/main.go").read_text(encoding="utf-8"), encoding="utf-8")
    real = next(e for e in catalogue.examples.examples if e.image == "hello-multistage:0.1")
    example = real.model_copy(update={"dockerfile": str(dockerfile)})
    path = tmp_path / "hello" / "k8s" / "deployment.yaml"
    path.write_text(re.sub(r"\n\s+runAs(User|Group): \d+", "", DEPLOYMENT.read_text(encoding="utf-8")), encoding="utf-8")
    fact = f"{dockerfile}:2: USER nobody" if user else f"{dockerfile}:1: FROM scratch and no USER (root)"
    assert manifests.image_problems(path, [example]) == [
        f"{path}:{line_of(path, 'runAsNonRoot')}: {FIELD}securityContext.runAsNonRoot true contradicts {fact}: "
        "runAsNonRoot needs a numeric USER other than 0"
    ]


def test_a_manifest_that_is_not_yaml_fails_with_one_line(tmp_path):
    path = tmp_path / "service.yaml"
    path.write_text("kind: Service\nspec:\n  ports: [80\n  selector: {}\n", encoding="utf-8")
    assert manifests.schema_problems(path) == [
        f"{path}:4: YAML syntax: expected ',' or ']', but got ':'; while parsing a flow sequence at line 3"
    ]
    assert manifests.image_problems(path, []) == []  # reported once, by the schema check
