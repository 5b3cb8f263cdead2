"""Kubernetes manifests next to the app they run (examples/<app>/k8s/*.yaml), checked offline.

Every document validates against the official schema of Kubernetes KUBERNETES (kubernetes-validate ships
the schemas; strict, so a misspelt field fails too). Every container of a workload is then cross-checked
with the example image it runs (`examples`: data/examples.yml's entries): `image` is an example built
from this app's folder; securityContext runAsUser/runAsGroup equal the Dockerfile's USER, and
runAsNonRoot needs a numeric USER other than 0 (the kubelet cannot check a name); containerPort is
EXPOSEd; a probe's httpGet path is the example's http path and its port a container port (number or
name); terminationGracePeriodSeconds (default 30) exceeds a server's shutdown grace. That grace lives in
main.go because the Go code uses it; GRACE reads its one line (a copy in data/ could only drift).
Each problem is one line: `manifest:line: field value contradicts source:line: fact`.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import kubernetes_validate
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from notekit.dockerfiles import parse

ROOT = Path(__file__).resolve().parent.parent
KUBERNETES = "1.36"  # the schemas' minor version; the kind job in .github/workflows/ci.yml runs the same
GRACE = re.compile(r"^const shutdownGrace = (\d+) \* time\.Second$", re.MULTILINE)  # in examples/<app>/main.go
PROBES = ("startupProbe", "readinessProbe", "livenessProbe")
POD_SPEC = {"Pod": ("spec",), "CronJob": ("spec", "jobTemplate", "spec", "template", "spec")}  # else spec.template.spec


def manifest_files() -> list[Path]:
    """Every manifest, found by walking the folder (a new one can never go unchecked)."""
    return sorted(ROOT.glob("examples/*/k8s/*.yaml"))


def shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def load(path: Path) -> list:
    """The file's documents, round-trip so every key knows its line; a YAML error is one line."""
    try:
        return [doc for doc in YAML(typ="rt").load_all(path.read_text(encoding="utf-8")) if doc is not None]
    except MarkedYAMLError as error:
        mark, context = error.problem_mark or error.context_mark, error.context_mark
        opened = f"; {error.context} at line {context.line + 1}" if error.context and context else ""
        raise ValueError(f"{shown(path)}:{mark.line + 1 if mark else 1}: YAML syntax: {error.problem}{opened}") from None


def line(node, path: tuple) -> int:
    """1-based line of the key or item at `path` (or of its deepest ancestor present)."""
    found = node.lc.line + 1
    for key in path:
        if isinstance(node, dict) and key in node or isinstance(node, list) and isinstance(key, int) and key < len(node):
            found, node = (node.lc.key(key) if isinstance(node, dict) else node.lc.item(key))[0] + 1, node[key]
        else:
            break
    return found


def dotted(path: tuple) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path).lstrip(".")


def schema_problem(path: Path, doc) -> str | None:
    """One document against the official schema of Kubernetes KUBERNETES: None, or its one-line problem."""
    if not isinstance(doc, dict) or not {"apiVersion", "kind"} <= doc.keys():
        return f"{shown(path)}:{line(doc, ()) if hasattr(doc, 'lc') else 1}: not a Kubernetes object (no apiVersion and kind)"
    try:
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)
    except kubernetes_validate.utils.SchemaNotFoundError as error:
        return f"{shown(path)}:{line(doc, ('kind',))}: {error.message}"
    except kubernetes_validate.ValidationError as error:
        at, message = tuple(error.absolute_path), error.message
        unknown = [k for k in error.instance if k not in error.schema.get("properties", {})] if isinstance(error.instance, dict) else []
        if unknown:  # the likely cause (a misspelt key) is named and located, not its parent
            at += (unknown[0],)
            message += "" if error.validator == "additionalProperties" else f"; {unknown[0]!r} is not a field here"
        return f"{shown(path)}:{line(doc, at)}: {dotted(at) or 'document'}: {message} " \
               f"(schema of {doc['kind']} {doc['apiVersion']}, Kubernetes {KUBERNETES})"
    return None


def schema_problems(path: Path) -> list[str]:
    try:
        return [problem for doc in load(path) if (problem := schema_problem(path, doc))]
    except ValueError as error:  # the YAML does not parse
        return [str(error)]


def image_facts(example) -> dict:
    """USER (uid, gid), EXPOSEd ports and the server's shutdown grace, each with its `file:line: text`."""
    dockerfile, where = parse(ROOT / example.dockerfile), example.dockerfile
    commands = dockerfile.final.commands
    user = next((c for c in reversed(commands) if c.cmd == "USER"), None)
    base = [c for c in dockerfile.commands if c.cmd == "FROM"][-1]
    main_go = ROOT / Path(where).parent / "main.go"
    text = main_go.read_text(encoding="utf-8") if main_go.is_file() else ""
    grace = GRACE.search(text)
    ports = {int(p.split("/")[0]): f"{where}:{c.start_line}: {c.original}" for c in commands if c.cmd == "EXPOSE" for p in c.value}
    return {
        "id": (user.value[0] if user else "0").partition(":")[::2],
        "user": f"{where}:{user.start_line}: {user.original}" if user else f"{where}:{base.start_line}: {base.original} and no USER (root)",
        "ports": ports,
        "expose": next(iter(ports.values()), f"{where}: no EXPOSE"),
        "grace": int(grace[1]) if grace else None,
        "grace_at": f"{shown(main_go)}:{text[: grace.start()].count(chr(10)) + 1}: {grace[0]}" if grace else
                    f"{shown(main_go)}: no line matches {GRACE.pattern} (a server declares its shutdown grace)",
    }


def image_problems(path: Path, examples: list) -> list[str]:
    """Every container of every (schema-valid) workload in the file against the example image it runs."""
    problems, app = [], path.parent.parent.name
    images = {e.image: e for e in examples if Path(e.dockerfile).parent.name == app}
    for doc in load(path) if not schema_problems(path) else []:  # a file that schema_problems reports is not read
        spec_at, spec = POD_SPEC.get(doc["kind"], ("spec", "template", "spec") if "template" in doc.get("spec", {}) else ()), doc
        for key in spec_at:
            spec = spec[key]

        def contradicts(at: tuple, value, fact: str) -> None:
            problems.append(f"{shown(path)}:{line(doc, spec_at + at)}: {dotted(spec_at + at)} {value} contradicts {fact}")

        for index, container in enumerate(spec.get("containers", [])):
            here, example = ("containers", index), images.get(container["image"])
            if example is None:
                close = difflib.get_close_matches(container["image"], list(images), n=1)
                contradicts((*here, "image"), container["image"], f"data/examples.yml: no example built from examples/{app}/ "
                            f"has this image; {f'did you mean {close[0]}? ' if close else ''}known: {', '.join(images)}")
                continue
            facts = image_facts(example)
            for at, context in ((("securityContext",), spec), ((*here, "securityContext"), container)):
                context = context.get("securityContext", {})
                for field, want in zip(("runAsUser", "runAsGroup"), facts["id"]):
                    if field in context and want and str(context[field]) != want:
                        contradicts((*at, field), context[field], facts["user"])
                if context.get("runAsNonRoot") and not (facts["id"][0].isdigit() and int(facts["id"][0]) > 0):
                    contradicts((*at, "runAsNonRoot"), "true", f"{facts['user']}: runAsNonRoot needs a numeric USER other than 0")
            ports = container.get("ports", [])
            for number, port in enumerate(ports):
                if port["containerPort"] not in facts["ports"]:
                    contradicts((*here, "ports", number, "containerPort"), port["containerPort"], facts["expose"])
            named = {p["containerPort"] for p in ports} | {p["name"] for p in ports if "name" in p}
            for probe in (p for p in PROBES if "httpGet" in container.get(p, {})):
                get, at = container[probe]["httpGet"], (*here, probe, "httpGet")
                want = example.http.path if example.http else "(none: not a server)"
                if get.get("path", "/") != want:
                    contradicts((*at, "path"), get.get("path", "/"), f"data/examples.yml: {example.id} http.path {want}")
                if get["port"] not in named:
                    contradicts((*at, "port"), get["port"], f"{dotted(spec_at + here)}.ports: no port by that number or name")
            grace = spec.get("terminationGracePeriodSeconds", 30)  # Kubernetes' default
            if example.http and (facts["grace"] is None or grace <= facts["grace"]):
                value = grace if "terminationGracePeriodSeconds" in spec else f"{grace} (unset: the default)"
                contradicts(("terminationGracePeriodSeconds",), value, f"{facts['grace_at']}: the pod's grace must be longer")
    return list(dict.fromkeys(problems))  # a pod-level field contradicted by two containers is one problem
