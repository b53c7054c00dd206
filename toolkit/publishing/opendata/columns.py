"""The open datasets' columns, defined once: stable English keys for the files, and for the data
dictionary a label and description in the reader's language, a type and a unit."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TEXT, INTEGER, DECIMAL, DATE = "string", "integer", "decimal", "date"
TYPE_LABELS = {
    TEXT: _("Text"),
    INTEGER: _("Whole number"),
    DECIMAL: _("Decimal number"),
    DATE: _("Date (YYYY-MM-DD)"),
}
UNIT_LABELS = {
    "": "",
    "EUR": _("euro"),
    "percent": _("percent"),
    "year": _("year"),
    "people": _("people"),
    "activities": _("activities"),
    "actions": _("actions"),
    "indicators": _("indicators"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    unit: str
    label: Promise
    description: Promise


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Promise
    description: Promise
    keywords: tuple
    columns: tuple

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


REGION = Column("region", TEXT, "", _("Region"), _("Name of the region that published the data."))
CYCLE = Column(
    "cycle",
    TEXT,
    "",
    _("Strategy cycle"),
    _("First and last year of the strategy, e.g. 2025-2027."),
)
ACTION = Column("action_title", TEXT, "", _("Action"), _("Title of the action."))

DATASETS = {
    d.name: d
    for d in [
        Dataset(
            "strategies",
            _("Published integration strategies"),
            _(
                "One row per published regional integration strategy: the approved revision, "
                "when it was approved and published, how complete it is, its budget and the "
                "number of its actions and indicators."
            ),
            (_("integration strategy"), _("migrant integration"), _("regional policy")),
            (
                REGION,
                Column("country", TEXT, "", _("Country"), _("Country of the region.")),
                Column(
                    "nuts_code",
                    TEXT,
                    "",
                    _("NUTS code"),
                    _("Eurostat NUTS code of the region (empty when not known)."),
                ),
                Column(
                    "cycle_start",
                    INTEGER,
                    "year",
                    _("First year"),
                    _("First year of the strategy cycle."),
                ),
                Column(
                    "cycle_end",
                    INTEGER,
                    "year",
                    _("Last year"),
                    _("Last year of the strategy cycle."),
                ),
                Column(
                    "revision",
                    INTEGER,
                    "",
                    _("Revision"),
                    _("Number of the approved submission that was published."),
                ),
                Column(
                    "approved_date",
                    DATE,
                    "",
                    _("Approved on"),
                    _("Date the strategy was approved."),
                ),
                Column(
                    "published_date",
                    DATE,
                    "",
                    _("Published on"),
                    _("Date the strategy was published."),
                ),
                Column(
                    "completeness_percent",
                    INTEGER,
                    "percent",
                    _("Completeness"),
                    _(
                        "Share of the checklist done, counting work in progress as half, leaving "
                        "out items that do not apply."
                    ),
                ),
                Column(
                    "budget_total_eur",
                    DECIMAL,
                    "EUR",
                    _("Total budget"),
                    _("Planned budget of all actions, in euro."),
                ),
                Column("action_count", INTEGER, "actions", _("Actions"), _("Number of actions.")),
                Column(
                    "indicator_count",
                    INTEGER,
                    "indicators",
                    _("Indicators"),
                    _("Number of indicators."),
                ),
            ),
        ),
        Dataset(
            "actions",
            _("Actions of the published strategies"),
            _(
                "One row per action of a published strategy: its priority, objective, "
                "thematic areas, lead organisation, dates, status and budget."
            ),
            (_("actions"), _("migrant integration"), _("public budget")),
            (
                REGION,
                CYCLE,
                Column(
                    "priority_number",
                    INTEGER,
                    "",
                    _("Priority number"),
                    _("Number of the priority the action serves."),
                ),
                Column("priority_title", TEXT, "", _("Priority"), _("Title of the priority.")),
                ACTION,
                Column(
                    "objective", TEXT, "", _("Objective"), _("What the action sets out to achieve.")
                ),
                Column(
                    "thematic_areas",
                    TEXT,
                    "",
                    _("Thematic areas"),
                    _("Thematic areas of the action, separated by semicolons."),
                ),
                Column(
                    "lead_organisation",
                    TEXT,
                    "",
                    _("Lead organisation"),
                    _(
                        "Organisation leading the action; empty where the region chose not to "
                        "publish organisation names."
                    ),
                ),
                Column("start_date", DATE, "", _("Start"), _("Planned start of the action.")),
                Column("end_date", DATE, "", _("End"), _("Planned end of the action.")),
                Column(
                    "status",
                    TEXT,
                    "",
                    _("Status"),
                    _("One of: planned, ongoing, done, delayed, dropped."),
                ),
                Column(
                    "budget_eur",
                    DECIMAL,
                    "EUR",
                    _("Budget"),
                    _("Planned budget of the action, in euro."),
                ),
            ),
        ),
        Dataset(
            "indicators",
            _("Indicators and reported values"),
            _(
                "One row per indicator and reported year, with its baseline and target; "
                "indicators with no accepted report yet appear once with an empty period and value."
            ),
            (_("indicators"), _("monitoring"), _("migrant integration")),
            (
                REGION,
                CYCLE,
                ACTION,
                Column("indicator", TEXT, "", _("Indicator"), _("Name of the indicator.")),
                Column("unit", TEXT, "", _("Unit"), _("Unit the indicator is measured in.")),
                Column(
                    "baseline", DECIMAL, "", _("Baseline"), _("Value when the strategy started.")
                ),
                Column(
                    "target",
                    DECIMAL,
                    "",
                    _("Target"),
                    _("Value the region aims for by the end of the cycle."),
                ),
                Column(
                    "period",
                    INTEGER,
                    "year",
                    _("Reporting year"),
                    _("Year of the accepted progress report."),
                ),
                Column(
                    "value", DECIMAL, "", _("Reported value"), _("Value reported for that year.")
                ),
            ),
        ),
        Dataset(
            "budgets",
            _("Planned budgets by year and source of funding"),
            _("One row per action, year and source of funding, with the planned amount."),
            (_("public budget"), _("funding"), _("migrant integration")),
            (
                REGION,
                CYCLE,
                ACTION,
                Column(
                    "year",
                    INTEGER,
                    "year",
                    _("Year"),
                    _("Budget year; empty when the amount is not split by year."),
                ),
                Column(
                    "funding_source",
                    TEXT,
                    "",
                    _("Source of funding"),
                    _("Regional, National, AMIF, ESF+, ERDF or Other."),
                ),
                Column("amount_eur", DECIMAL, "EUR", _("Amount"), _("Planned amount, in euro.")),
            ),
        ),
        Dataset(
            "capacity-building",
            _("Capacity-building reach"),
            _(
                "Capacity-building activities of the regions that have published a strategy, "
                "per year and kind of activity, with the number of participants from each sector."
            ),
            (_("capacity building"), _("training"), _("participation")),
            (
                REGION,
                Column("year", INTEGER, "year", _("Year"), _("Year the activities took place.")),
                Column(
                    "activity_kind",
                    TEXT,
                    "",
                    _("Kind of activity"),
                    _("Online session, Learning lab or Other."),
                ),
                Column(
                    "activities", INTEGER, "activities", _("Activities"), _("Number of activities.")
                ),
                Column(
                    "participants_public",
                    INTEGER,
                    "people",
                    _("Public authorities"),
                    _("Participants from public authorities."),
                ),
                Column(
                    "participants_private",
                    INTEGER,
                    "people",
                    _("Private sector"),
                    _("Participants from the private sector."),
                ),
                Column(
                    "participants_civil",
                    INTEGER,
                    "people",
                    _("Civil society"),
                    _("Participants from civil society."),
                ),
                Column(
                    "participants_migrant",
                    INTEGER,
                    "people",
                    _("Migrant-led organisations"),
                    _("Participants from migrant-led organisations."),
                ),
                Column(
                    "participants_other",
                    INTEGER,
                    "people",
                    _("Other participants"),
                    _("Other participants."),
                ),
                Column(
                    "participants_total",
                    INTEGER,
                    "people",
                    _("All participants"),
                    _("Participants from every sector."),
                ),
            ),
        ),
    ]
}
