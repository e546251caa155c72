"""The release workflow: on a version tag, `make wheel`, then PyPI's trusted publishing, with the
least permissions; actionlint and zizmor clean."""

from __future__ import annotations

import pytest
import yaml

from .conftest import ROOT
from .test_publish import _lint

RELEASE = ROOT / ".github" / "workflows" / "release.yml"


def test_the_release_workflow_passes_actionlint_and_zizmor():
    actionlint, zizmor = _lint(RELEASE)
    assert actionlint.returncode == 0, actionlint.stdout + actionlint.stderr
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr


def test_a_version_tag_builds_with_make_wheel_and_publishes_by_trusted_publishing():
    workflow = yaml.safe_load(RELEASE.read_text())
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads `on` as true
    assert workflow["permissions"] == {}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    assert any(step.get("run") == "make wheel" for step in build["steps"])
    assert build["permissions"] == {"contents": "read"}
    assert publish["needs"] == "build" and publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}  # no token: PyPI trusts this workflow's identity
    uses = [step["uses"] for job in (build, publish) for step in job["steps"] if "uses" in step]
    assert all(len(use.split("@")[1]) == 40 for use in uses), "actions are pinned to commits"
    assert uses[-1].startswith("pypa/gh-action-pypi-publish@")
    assert "secrets." not in RELEASE.read_text() and "password" not in RELEASE.read_text()


@pytest.mark.parametrize("config", [ROOT / ".github" / "dependabot.yml", ROOT / "src" / "seedwiki" / "project" / ".github" / "dependabot.yml"],
                         ids=["this-project", "new-project"])
def test_dependabot_updates_actions_and_python_packages_and_passes_zizmor(config):
    _, zizmor = _lint(config)
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    updates = yaml.safe_load(config.read_text())["updates"]
    assert {update["package-ecosystem"] for update in updates} == {"github-actions", "pip"}


def test_every_workflow_pins_the_same_action_versions():
    workflows = [*(ROOT / ".github" / "workflows").glob("*.yml"), ROOT / "src" / "seedwiki" / "project" / ".github" / "workflows" / "pages.yml"]
    pins: dict[str, set[str]] = {}
    for workflow in workflows:
        for job in yaml.safe_load(workflow.read_text())["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    action, ref = step["uses"].split("@")
                    pins.setdefault(action, set()).add(ref)
    assert {action: refs for action, refs in pins.items() if len(refs) > 1} == {}
