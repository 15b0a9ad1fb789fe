#!/usr/bin/env python3
"""Extracts the schemas the manifest test validates against (see src/test/resources/schemas/SOURCES.md).

usage: extract-schemas.py K8S_OPENAPI_JSON CRD_YAML... ; writes src/test/resources/schemas/.
Only what the manifests use is kept: the Kubernetes definitions reachable from the kinds below, and of
each CRD the openAPIV3Schema of its storage version. Descriptions are dropped (size); nothing else
changes.
"""
import json
import os
import sys

import yaml

KINDS = {
    "apps/v1/Deployment": "io.k8s.api.apps.v1.Deployment",
    "v1/Service": "io.k8s.api.core.v1.Service",
    "v1/ConfigMap": "io.k8s.api.core.v1.ConfigMap",
    "v1/ServiceAccount": "io.k8s.api.core.v1.ServiceAccount",
    "batch/v1/Job": "io.k8s.api.batch.v1.Job",
    "autoscaling/v2/HorizontalPodAutoscaler": "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler",
    "policy/v1/PodDisruptionBudget": "io.k8s.api.policy.v1.PodDisruptionBudget",
    "rbac.authorization.k8s.io/v1/Role": "io.k8s.api.rbac.v1.Role",
    "rbac.authorization.k8s.io/v1/RoleBinding": "io.k8s.api.rbac.v1.RoleBinding",
}
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "src/test/resources/schemas")


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def refs(node, found):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                found.add(v.split("/")[-1])
            else:
                refs(v, found)
    elif isinstance(node, list):
        for v in node:
            refs(v, found)


def kubernetes(path):
    spec = json.load(open(path))
    definitions = spec["definitions"]
    keep, todo = set(), list(KINDS.values())
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        found = set()
        refs(definitions[name], found)
        todo.extend(found - keep)
    out = {
        "source": spec["info"],
        "kinds": KINDS,
        "definitions": {k: strip(definitions[k]) for k in sorted(keep)},
    }
    with open(os.path.join(OUT, "kubernetes-definitions.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
    print("kubernetes:", len(keep), "definitions")


def crd(path):
    for doc in yaml.safe_load_all(open(path)):
        if not doc or doc.get("kind") != "CustomResourceDefinition":
            continue
        group, kind = doc["spec"]["group"], doc["spec"]["names"]["kind"]
        for version in doc["spec"]["versions"]:
            if not version.get("storage"):
                continue
            name = f"{group}_{version['name']}_{kind}.json"
            schema = strip(version["schema"]["openAPIV3Schema"])
            with open(os.path.join(OUT, name), "w") as f:
                json.dump(schema, f, indent=1, sort_keys=True)
            print(name)


if __name__ == "__main__":
    kubernetes(sys.argv[1])
    for p in sys.argv[2:]:
        crd(p)
