"""Creative Commons: the permission matrix, version checks and the TASL attribution line."""
import pytest

from app.tools import creative_commons as ccl
from app.tools.result import ALLOWED, CONDITIONAL, NOT_ALLOWED

MATRIX = {
    #            share        adapt        commercial   relicense
    "CC0":      (ALLOWED,     ALLOWED,     ALLOWED,     ALLOWED),
    "BY":       (ALLOWED,     ALLOWED,     ALLOWED,     ALLOWED),
    "BY-SA":    (ALLOWED,     CONDITIONAL, ALLOWED,     NOT_ALLOWED),
    "BY-NC":    (CONDITIONAL, CONDITIONAL, NOT_ALLOWED, CONDITIONAL),
    "BY-ND":    (ALLOWED,     NOT_ALLOWED, ALLOWED,     NOT_ALLOWED),
    "BY-NC-SA": (CONDITIONAL, CONDITIONAL, NOT_ALLOWED, NOT_ALLOWED),
    "BY-NC-ND": (CONDITIONAL, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
}
CASES = [(lic, use, outcome) for lic, row in MATRIX.items() for use, outcome in zip(ccl.USES, row)]


@pytest.mark.parametrize("licence, use, outcome", CASES)
def test_permission_matrix(licence, use, outcome):
    version = "1.0" if licence == "CC0" else "4.0"
    assert ccl.check(ccl.CCInputs(licence, version, use)).outcome == outcome


@pytest.mark.parametrize("licence, use, rule", [
    ("CC0", "share", "CC0"), ("BY", "share", "CC-BY"), ("BY-NC", "commercial", "CC-NC"), ("BY-ND", "adapt", "CC-ND"),
    ("BY-SA", "adapt", "CC-SA"), ("BY", "share", "CC-ATTR"), ("BY", "share", "CC-FAIR"),
])
def test_rule_rows(licence, use, rule):
    assert rule in ccl.check(ccl.CCInputs(licence, "1.0" if licence == "CC0" else "4.0", use)).rule_ids


@pytest.mark.parametrize("version, flagged", [("3.0", True), ("2.5", True), ("1.0", True), ("4.0", False)])
def test_older_versions_flagged(version, flagged):
    assert ("CC-VERSION" in ccl.check(ccl.CCInputs("BY", version, "share")).rule_ids) is flagged


def test_nd_private_adaptation_note_only_in_4_0():
    assert "4.0 lets you adapt" in " ".join(ccl.check(ccl.CCInputs("BY-ND", "4.0", "adapt")).trace)
    assert "4.0 lets you adapt" not in " ".join(ccl.check(ccl.CCInputs("BY-ND", "3.0", "adapt")).trace)


def test_every_rule_row_is_tested():
    assert set(ccl.RULES) == {"CC0", "CC-BY", "CC-NC", "CC-ND", "CC-SA", "CC-ATTR", "CC-FAIR", "CC-VERSION"}


@pytest.mark.parametrize("inputs, text", [
    (ccl.CCInputs("BY-SA", "4.0", "share", "Moon Phases", "Ana Ruiz", "https://example.org/moon"),
     '"Moon Phases" by Ana Ruiz is licensed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/). '
     "Source: https://example.org/moon"),
    (ccl.CCInputs("BY", "2.0", "adapt", "Map", "J. Lee", adapted=True),
     'Adapted from "Map" by J. Lee, used under CC BY 2.0 (https://creativecommons.org/licenses/by/2.0/).'),
    (ccl.CCInputs("CC0", "1.0", "share", "Photo"),
     '"Photo" is marked with CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).'),
])
def test_tasl_attribution(inputs, text):
    assert ccl.check(inputs).details["attribution"]["text"] == text
