"""Public pages: the network's published strategies, one region's strategy, the Handbook and the
Model Framework. Read without signing in, one address per language, the same HTML for everyone
(see pages.py)."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from handbook.models import Publication
from handbook.translation.lookup import translate

from .. import selectors as published
from . import charts, figures, sections, selectors
from .converters import CODES
from .pages import public_page, render_public


def choose_language(request):
    """/open/ → the visitor's language (LocaleMiddleware has chosen it), English otherwise."""
    code = (translation.get_language() or "").split("-")[0]
    return redirect("public:network", lang=code if code in CODES else settings.LANGUAGE_CODE)


@public_page
def network(request, lang):
    rows = published.strategies(language=lang)
    context = {
        "title": _("Published integration strategies"),
        "description": _(
            "The integration strategies that regions of the network have approved and made "
            "public: priorities, actions, budgets and indicators."
        ),
        "section_nav": "strategies",
        "strategies": rows,
        "networks": selectors.network_names(),
        "not_published": selectors.not_published(s["region"]["slug"] for s in rows),
        "budget_chart": charts.bar_figure(
            chart_id="budget-chart",
            title=_("Total budget by region"),
            bars=figures.bars((s["region"]["name"], s["budget_total"], s) for s in rows),
            money=True,
            label_heading=_("Region"),
            value_heading=_("Total budget"),
        ),
        "completeness_chart": charts.bar_figure(
            chart_id="completeness-chart",
            title=_("Completeness by region"),
            bars=figures.share_bars((s["region"]["name"], s["completeness"], s) for s in rows),
            money=False,
            label_heading=_("Region"),
            value_heading=_("Completeness"),
        ),
    }
    return render_public("public/network.html", context, lang=lang, url_name="network")


@public_page
def region(request, lang, region):
    data = published.strategy(published.live_publication(region), lang)
    name = data["region"]["name"]
    priorities = figures.priorities(data)
    fund_bars = figures.bars((row["label"], row["amount"], row) for row in data["budget_by_source"])
    progress_bars = figures.progress_bars(priorities)
    context = {
        "title": _("Integration strategy of %(region)s") % {"region": name},
        "description": _(
            "The %(cycle)s integration strategy of %(region)s as approved: priorities, "
            "actions, budget by fund and indicators."
        )
        % {"cycle": data["cycle"]["label"], "region": name},
        "section_nav": "strategies",
        "data": data,
        "priorities": priorities,
        "priority_sections": sections.priority_sections(data, priorities),
        "text_language": translation.get_language_info(data["language"])["name_translated"]
        if data["language"] != lang and data["language"] in CODES
        else "",
        "fund_bars": fund_bars,
        "fund_chart": charts.bar_figure(
            chart_id="fund-chart",
            title=_("Planned budget by fund"),
            bars=fund_bars,
            money=True,
            label_heading=_("Fund"),
            value_heading=_("Budget"),
        ),
        "progress_bars": progress_bars,
        "progress_chart": charts.bar_figure(
            chart_id="progress-chart",
            title=_("Latest reported value as a share of the target"),
            bars=progress_bars,
            money=False,
            label_heading=_("Indicator"),
            value_heading=_("Share of the target"),
            label_lang=data["language"],
        ),
    }
    return render_public(
        "public/region.html", context, lang=lang, url_name="region", kwargs={"region": region}
    )


def _publication_page(lang, publication):
    sections = selectors.sections(publication)
    label = str(Publication(publication).label)
    context = {
        "title": label,
        "description": _("The %(name)s of the network, read without signing in, in your language.")
        % {"name": label},
        "section_nav": publication,
        "publication": publication,
        "sections": sections,
        "areas": selectors.areas() if publication == Publication.HANDBOOK else [],
    }
    return render_public("public/publication.html", context, lang=lang, url_name=publication)


@public_page
def handbook(request, lang):
    return _publication_page(lang, Publication.HANDBOOK)


@public_page
def framework(request, lang):
    return _publication_page(lang, Publication.FRAMEWORK)


def _section_page(lang, publication, slug):
    section = selectors.section(publication, slug)
    label = str(Publication(publication).label)
    title = translate(section, "title", lang)[0]
    context = {
        "title": f"{section.number}. {title} · {label}",
        "description": _("Section %(number)s of the %(name)s: %(title)s")
        % {"number": section.number, "name": label, "title": title},
        "section_nav": publication,
        "publication": publication,
        "publication_label": label,
        "section": section,
        "siblings": selectors.sections(publication),
        "areas": selectors.areas() if section.shows == "areas" else [],
    }
    url_name = "handbook-section" if publication == Publication.HANDBOOK else "framework-section"
    return render_public(
        "public/section.html", context, lang=lang, url_name=url_name, kwargs={"section": slug}
    )


@public_page
def handbook_section(request, lang, section):
    return _section_page(lang, Publication.HANDBOOK, section)


@public_page
def framework_section(request, lang, section):
    return _section_page(lang, Publication.FRAMEWORK, section)


@public_page
def area(request, lang, area):
    found = selectors.area(area)
    title = translate(found, "title", lang)[0]
    summary = translate(found, "summary", lang)[0]
    handbook = _("Handbook")
    context = {
        "title": f"{found.number}. {title} · {handbook}",
        "description": Truncator(summary).words(30, truncate=" …")
        or _("A thematic area of the Handbook: %(title)s") % {"title": title},
        "section_nav": "handbook",
        "area": found,
        "areas": selectors.areas(),
    }
    return render_public(
        "public/area.html", context, lang=lang, url_name="area", kwargs={"area": area}
    )
