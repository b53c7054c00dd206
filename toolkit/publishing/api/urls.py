from django.urls import path, re_path

from . import tokens, views

app_name = "api"
urlpatterns = [
    path("v1/schema/", views.Schema.as_view(), name="schema"),
    path("v1/public/strategies/", views.StrategyList.as_view(), name="strategies"),
    path("v1/public/strategies/<slug:region>/", views.StrategyDetail.as_view(), name="strategy"),
    path("v1/public/actions/", views.ActionList.as_view(), name="actions"),
    path("v1/public/indicators/", views.IndicatorList.as_view(), name="indicators"),
    path("v1/public/budgets/", views.BudgetList.as_view(), name="budgets"),
    path("v1/regions/", views.RegionList.as_view(), name="regions"),
    path("v1/regions/<slug:region>/workplans/", views.WorkplanList.as_view(), name="workplans"),
    path(
        "v1/regions/<slug:region>/workplans/<int:start_year>/",
        views.WorkplanDetail.as_view(),
        name="workplan",
    ),
    path("v1/regions/<slug:region>/reports/", views.ReportList.as_view(), name="reports"),
    # Anything else under v1/ answers a JSON 404, not the site's HTML page.
    re_path(r"^v1/", views.Nowhere.as_view()),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/new/", tokens.token_new, name="token-new"),
    path("tokens/<uuid:token>/revoke/", tokens.token_revoke, name="token-revoke"),
]
