"""The tools the app offers: key -> module, form, title, summary. The index page and the generic
views read this table; adding a tool means one pure module, one form and one row here."""
from dataclasses import dataclass
from types import ModuleType

from app.tools import (classroom_copying, creative_commons, fair_use, forms, off_air, public_domain, screening,
                       section108, teach_act)


@dataclass(frozen=True)
class ToolSpec:
    key: str
    module: ModuleType
    form: type
    summary: str

    @property
    def title(self) -> str:
        return self.module.TITLE

    @property
    def rules_version(self) -> str:
        return self.module.RULES_VERSION


TOOLS: dict[str, ToolSpec] = {spec.key: spec for spec in (
    ToolSpec("public-domain", public_domain, forms.PublicDomainForm,
             "Is a work still under copyright in the US? Exact to the Cornell chart, as of any date."),
    ToolSpec("fair-use", fair_use, forms.FairUseForm,
             "Weigh the four factors with your reasons, see the red flags and keep a good-faith record."),
    ToolSpec("classroom-copying", classroom_copying, forms.ClassroomCopyingForm,
             "Check multiple copies for a class against the 1976 classroom copying guidelines."),
    ToolSpec("off-air", off_air, forms.OffAirForm,
             "When to use a recorded TV broadcast in class, and when to erase it, on the district calendar."),
    ToolSpec("screening", screening, forms.ScreeningForm,
             "May you show this film? The § 110(1) classroom exemption, then the district's licences."),
    ToolSpec("teach-act", teach_act, forms.TeachUseForm,
             "Using a work in online teaching under the TEACH Act (§ 110(2))."),
    ToolSpec("section-108", section108, forms.Section108Form,
             "Library copies for preservation, replacement and patrons, with the interlibrary-loan rule of five."),
    ToolSpec("creative-commons", creative_commons, forms.CreativeCommonsForm,
             "What a Creative Commons licence lets you do, and a ready attribution line."),
)}


def tools_for_article(slug: str) -> list[ToolSpec]:
    """The tools whose rules rest on this guideline article (its page links to them)."""
    return [spec for spec in TOOLS.values() if slug in getattr(spec.module, "ARTICLES", ())]
