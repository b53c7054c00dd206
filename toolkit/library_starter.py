"""The starter set of the network's indicator library: the EU common indicators of migrant
integration (the Zaragoza indicators) plus programme indicators for the toolkit's four priorities.
"""

STARTER: list[dict] = [
    # --- Employment (Zaragoza indicators) ---
    {
        "code": "EMP-1",
        "theme": "employment",
        "name": "Employment rate",
        "definition": (
            "People aged 20-64 who are in employment as a percentage of all people aged 20-64. "
            "Calculated separately for people born abroad and people born in the country, so the "
            "gap between the two groups can be followed over time."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)", "citizenship"],
        "source": (
            "Eurostat, EU Labour Force Survey (lfsa_ergacob) — Zaragoza indicator on employment"
        ),
    },
    {
        "code": "EMP-2",
        "theme": "employment",
        "name": "Unemployment rate",
        "definition": (
            "Unemployed people aged 20-64 (without work, available and actively looking for work) "
            "as a percentage of the labour force of the same age. Compared between people born "
            "abroad and people born in the country."
        ),
        "unit": "%",
        "direction": "down",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)", "citizenship"],
        "source": (
            "Eurostat, EU Labour Force Survey (lfsa_urgacob) — Zaragoza indicator on employment"
        ),
    },
    {
        "code": "EMP-3",
        "theme": "employment",
        "name": "Activity rate",
        "definition": (
            "People aged 20-64 who are in the labour force (employed or unemployed) as a "
            "percentage of everyone in that age group. Shows how far each group takes part in the "
            "labour market at all."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)", "citizenship"],
        "source": (
            "Eurostat, EU Labour Force Survey (lfsa_argacob) — Zaragoza indicator on employment"
        ),
    },
    {
        "code": "EMP-4",
        "theme": "employment",
        "name": "Share of self-employed among people in employment",
        "definition": (
            "Self-employed people aged 20-64, with or without employees, as a percentage of all "
            "employed people aged 20-64 in the same group."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)", "citizenship"],
        "source": (
            "Eurostat, EU Labour Force Survey — Eurostat migrant integration statistics (Zaragoza "
            "indicator on employment)"
        ),
    },
    {
        "code": "EMP-5",
        "theme": "employment",
        "name": "Over-qualification rate",
        "definition": (
            "Employed people aged 20-64 with a tertiary qualification who work in a job that "
            "normally needs a lower level of education (ISCO groups 4-9), as a percentage of all "
            "employed tertiary graduates of that age."
        ),
        "unit": "%",
        "direction": "down",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)", "citizenship"],
        "source": (
            "Eurostat, EU Labour Force Survey — Eurostat migrant integration statistics (Zaragoza "
            "indicator on employment)"
        ),
    },
    # --- Education (Zaragoza indicators) ---
    {
        "code": "EDU-1",
        "theme": "education",
        "name": "Share of adults with at most lower secondary education",
        "definition": (
            "People aged 25-64 whose highest completed level of education is lower secondary or "
            "below (ISCED 0-2), as a percentage of all people aged 25-64 in the group."
        ),
        "unit": "%",
        "direction": "down",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)"],
        "source": (
            "Eurostat, EU Labour Force Survey (edat_lfs_9912) — Zaragoza indicator on education"
        ),
    },
    {
        "code": "EDU-2",
        "theme": "education",
        "name": "Tertiary educational attainment, ages 30-34",
        "definition": (
            "People aged 30-34 who have completed tertiary education (ISCED 5-8) as a percentage "
            "of all people aged 30-34 in the group."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["sex", "country of birth (EU / non-EU)"],
        "source": (
            "Eurostat, EU Labour Force Survey (edat_lfs_9912) — Zaragoza indicator on education"
        ),
    },
    {
        "code": "EDU-3",
        "theme": "education",
        "name": "Early leavers from education and training",
        "definition": (
            "People aged 18-24 who have at most lower secondary education and were not in any "
            "education or training in the four weeks before the survey, as a percentage of all "
            "people aged 18-24 in the group."
        ),
        "unit": "%",
        "direction": "down",
        "disaggregations": ["sex", "country of birth (EU / non-EU)"],
        "source": (
            "Eurostat, EU Labour Force Survey (edat_lfse_02) — Zaragoza indicator on education"
        ),
    },
    {
        "code": "EDU-4",
        "theme": "education",
        "name": "Low achievers at age 15 in reading, mathematics and science",
        "definition": (
            "Fifteen-year-old pupils scoring below proficiency level 2 on the PISA test, as a "
            "percentage of all tested pupils, reported separately for reading, mathematics and "
            "science and compared by migrant background."
        ),
        "unit": "%",
        "direction": "down",
        "disaggregations": [
            "subject (reading / mathematics / science)",
            "sex",
            "migrant background (first / second generation / native)",
        ],
        "source": (
            "OECD, Programme for International Student Assessment (PISA) — Zaragoza indicator on "
            "education"
        ),
    },
    {
        "code": "EDU-5",
        "theme": "education",
        "name": "Participation in early childhood education and care",
        "definition": (
            "Children below compulsory school age who attend formal early childhood education or "
            "childcare, as a percentage of all children of that age, compared by the parents' "
            "country of birth."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["age group of child", "parents' country of birth (EU / non-EU)"],
        "source": (
            "Eurostat, EU Statistics on Income and Living Conditions (EU-SILC) — Eurostat migrant "
            "integration statistics"
        ),
    },
    # --- Social inclusion (Zaragoza indicators) ---
    {
        "code": "INC-1",
        "theme": "social_inclusion",
        "name": "Median net income ratio",
        "definition": (
            "Median equivalised net income of people born abroad divided by the median equivalised"
            " net income of people born in the country. A value of 1 means no gap."
        ),
        "unit": "ratio",
        "direction": "up",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)"],
        "source": (
            "Eurostat, EU-SILC — Eurostat migrant integration statistics (Zaragoza indicator on "
            "social inclusion)"
        ),
    },
    {
        "code": "INC-2",
        "theme": "social_inclusion",
        "name": "At-risk-of-poverty-or-social-exclusion rate",
        "definition": (
            "Adults aged 18 and over who are at risk of poverty, severely materially and socially "
            "deprived, or living in a household with very low work intensity, as a percentage of "
            "all adults in the group."
        ),
        "unit": "%",
        "direction": "down",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)"],
        "source": "Eurostat, EU-SILC (ilc_peps05) — Zaragoza indicator on social inclusion",
    },
    {
        "code": "INC-3",
        "theme": "social_inclusion",
        "name": "Housing cost overburden rate",
        "definition": (
            "People living in a household where total housing costs, net of housing allowances, "
            "take up more than 40% of disposable household income, as a percentage of all people "
            "in the group."
        ),
        "unit": "%",
        "direction": "down",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)", "tenure status"],
        "source": (
            "Eurostat, EU-SILC — Eurostat migrant integration statistics (Zaragoza indicator on "
            "social inclusion)"
        ),
    },
    {
        "code": "INC-4",
        "theme": "social_inclusion",
        "name": "Share of property owners",
        "definition": (
            "Adults aged 18 and over living in a home owned by their household, with or without a "
            "mortgage, as a percentage of all adults in the group."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["age group", "country of birth (EU / non-EU)"],
        "source": (
            "Eurostat, EU-SILC — Eurostat migrant integration statistics (Zaragoza indicator on "
            "social inclusion)"
        ),
    },
    {
        "code": "INC-5",
        "theme": "social_inclusion",
        "name": "Self-reported good or very good health",
        "definition": (
            "Adults aged 16 and over who describe their general health as good or very good, as a "
            "percentage of all adults in the group who answered the question."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)"],
        "source": (
            "Eurostat, EU-SILC — Eurostat migrant integration statistics (Zaragoza indicator on "
            "social inclusion)"
        ),
    },
    # --- Active citizenship (Zaragoza indicators) ---
    {
        "code": "CIT-1",
        "theme": "active_citizenship",
        "name": "Naturalisation rate",
        "definition": (
            "Foreign residents who acquired the citizenship of the country during the year, as a "
            "percentage of all foreign citizens resident at the start of that year."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["sex", "age group", "former citizenship (EU / non-EU)"],
        "source": (
            "Eurostat, citizenship statistics (migr_acqs) — Zaragoza indicator on active "
            "citizenship"
        ),
    },
    {
        "code": "CIT-2",
        "theme": "active_citizenship",
        "name": "Share of non-EU citizens holding a long-term residence permit",
        "definition": (
            "Non-EU citizens holding an EU or national long-term resident status on 31 December, "
            "as a percentage of all non-EU citizens holding a valid residence permit on that date."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["citizenship"],
        "source": (
            "Eurostat, residence permit statistics (migr_resshare) — Zaragoza indicator on active "
            "citizenship"
        ),
    },
    {
        "code": "CIT-3",
        "theme": "active_citizenship",
        "name": "Voter turnout among eligible people from migrant backgrounds",
        "definition": (
            "People from migrant backgrounds who voted in the most recent election they were "
            "entitled to vote in, as a percentage of those eligible. Comparable data are not "
            "available in many regions, so report it only where a survey or electoral study "
            "provides it."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["election level (local / regional / national / EU)", "sex"],
        "source": (
            "National or regional electoral studies and surveys, where available (less commonly "
            "available Zaragoza indicator on active citizenship)"
        ),
    },
    {
        "code": "CIT-4",
        "theme": "active_citizenship",
        "name": "Elected representatives from migrant backgrounds",
        "definition": (
            "Members of local and regional councils who were born abroad or have a parent born "
            "abroad, as a percentage of all elected members. Few regions collect this, so treat it"
            " as optional and record how the figure was obtained."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["level of government (local / regional)", "sex"],
        "source": (
            "Region's own records or studies of elected bodies, where available (less commonly "
            "available Zaragoza indicator on active citizenship)"
        ),
    },
    # --- P1: Enhance regional programmes ---
    {
        "code": "P1-1",
        "theme": "programmes",
        "name": "People from migrant backgrounds reached by regional integration programmes",
        "definition": (
            "Number of distinct people from migrant backgrounds who took part in at least one "
            "activity of a regional integration programme during the reporting period. Each person"
            " is counted once, however many activities they joined."
        ),
        "unit": "people",
        "direction": "up",
        "disaggregations": ["sex", "age group", "country of birth (EU / non-EU)", "programme"],
        "source": "Region's own programme records",
    },
    {
        "code": "P1-2",
        "theme": "programmes",
        "name": "Public service staff trained in intercultural competence",
        "definition": (
            "Number of staff of public services (for example health, education, employment and "
            "social services) who completed an intercultural competence training during the "
            "reporting period."
        ),
        "unit": "people",
        "direction": "up",
        "disaggregations": ["service sector", "sex"],
        "source": "Region's own programme records",
    },
    {
        "code": "P1-3",
        "theme": "programmes",
        "name": "Share of programmes co-designed with migrant organisations",
        "definition": (
            "Regional integration programmes whose design involved at least one migrant or "
            "migrant-led organisation, as a percentage of all regional integration programmes "
            "running in the reporting period."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["programme area"],
        "source": "Region's own programme records",
    },
    # --- P2: Scale and replicate best practices ---
    {
        "code": "P2-1",
        "theme": "practices",
        "name": "Practices replicated or scaled from another region",
        "definition": (
            "Number of practices first developed in another region of the network, or elsewhere, "
            "that the region has put in place or extended during the reporting period."
        ),
        "unit": "practices",
        "direction": "up",
        "disaggregations": ["originating region", "replicated / scaled", "theme"],
        "source": "Region's own programme records",
    },
    {
        "code": "P2-2",
        "theme": "practices",
        "name": "Municipalities adopting a promoted practice",
        "definition": (
            "Number of municipalities in the region that started using at least one practice "
            "promoted through the network during the reporting period."
        ),
        "unit": "municipalities",
        "direction": "up",
        "disaggregations": ["practice", "municipality size"],
        "source": "Region's own programme records",
    },
    # --- P3: Inform and influence policy ---
    {
        "code": "P3-1",
        "theme": "policy",
        "name": "Policy recommendations and briefs submitted to national or EU bodies",
        "definition": (
            "Number of policy recommendations, briefs or formal position papers the region "
            "submitted to national or EU institutions or consultations during the reporting "
            "period."
        ),
        "unit": "documents",
        "direction": "up",
        "disaggregations": ["recipient level (national / EU)", "theme"],
        "source": "Region's own programme records",
    },
    {
        "code": "P3-2",
        "theme": "policy",
        "name": "Policy consultations with participation of migrant organisations",
        "definition": (
            "Number of consultations on regional policy held in the reporting period in which at "
            "least one migrant or migrant-led organisation took part."
        ),
        "unit": "consultations",
        "direction": "up",
        "disaggregations": ["policy area", "consultation format"],
        "source": "Region's own programme records",
    },
    # --- P4: Evaluate and share lessons learned ---
    {
        "code": "P4-1",
        "theme": "evaluation",
        "name": "Share of actions with a completed evaluation",
        "definition": (
            "Actions of the regional strategy that ended in the reporting period and have a "
            "finished evaluation report, as a percentage of all actions that ended in that period."
        ),
        "unit": "%",
        "direction": "up",
        "disaggregations": ["strategic priority", "evaluation type (internal / external)"],
        "source": "Region's own programme records",
    },
    {
        "code": "P4-2",
        "theme": "evaluation",
        "name": "Lessons-learned exchanges held with other regions",
        "definition": (
            "Number of peer reviews, study visits, webinars or workshops held with other regions "
            "during the reporting period whose main purpose was to share lessons learned."
        ),
        "unit": "events",
        "direction": "up",
        "disaggregations": ["format", "partner region"],
        "source": "Region's own programme records",
    },
]
