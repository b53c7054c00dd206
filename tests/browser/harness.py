"""Walk every GET page of the project in a browser, as one role, and check each page that loads.

The pages come from the URL patterns themselves (tests/urlwalk.py), so a page added by any app is
checked without new test code; its URL arguments come from the app's ARG_FACTORIES, built inside
the visitor's own region so the page is reachable.

Each page that answers 200 with HTML is checked twice in one visit: axe-core at a desktop width,
then the layout at 320 CSS pixels (WCAG 1.4.10 Reflow).
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.urls import reverse

from tests.urlwalk import NON_ADMIN, url_for

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DENIED = {403, 404, 405}
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
# Pages a role must actually reach: proof that the walk is not silently skipping everything.
MUST_CHECK = {
    "anonymous": {"home", "accounts:login", "accounts:password_reset"},
    "contributor": {"home", "regions:home", "accounts:profile"},
    "editor": {"home", "regions:home", "accounts:profile"},
    "regional-admin": {"home", "regions:home", "regions:edit", "accounts:profile"},
    "coordinator": {"home", "regions:home", "accounts:profile"},
    "platform-admin": {"home", "accounts:profile", "admin:index"},
}
# Django's own admin is audited with axe but its layout is not ours to reflow.
REFLOW_EXEMPT = {"admin:index"}


@dataclass
class Walk:
    role: str
    checked: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)
    reflow: list[str] = field(default_factory=list)

    def report(self, *kinds: str) -> str:
        lines = [f"{self.role}: {len(self.checked)} pages checked, {len(self.skipped)} skipped"]
        for kind in kinds:
            lines += getattr(self, kind)
        return "\n".join(lines)

    def missing(self, names: set[str]) -> str:
        absent = sorted(names - set(self.checked))
        if not absent:
            return ""
        return f"{self.role} never reached {absent}; skipped: {self.skipped}"


def page_names() -> list[str]:
    """Every non-admin URL pattern; of Django's admin only its index."""
    return NON_ADMIN + ["admin:index"]


def walk(actor) -> Walk:
    """GET every page as `actor` and check each HTML page answering 200.

    Denied pages (403/404/405), redirects (the target is a page of its own) and non-HTML answers
    are skipped; any other status, a server error included, is an error.
    """
    result = Walk(actor.role)
    page = actor.new_page()
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    for name in page_names():
        try:
            url = reverse(name) if name.startswith("admin:") else url_for(name, actor.region)
        except AssertionError as error:
            result.errors.append(f"[{actor.role}] {name}: {error}")
            continue
        # Ask first without following redirects: Chromium reports an empty 405 as a failed load.
        probe = actor.context.request.get(url, max_redirects=0, fail_on_status_code=False)
        status = probe.status
        content_type = probe.headers.get("content-type", "")
        if status in DENIED:
            result.skipped[name] = str(status)
        elif 300 <= status < 400:
            result.skipped[name] = f"{status} to {probe.headers.get('location')}"
        elif not content_type.startswith("text/html"):
            # Not a page: /healthz answers JSON, with 503 while a service it watches is down.
            result.skipped[name] = f"{status} {content_type}"
        elif status != 200:
            result.errors.append(f"[{actor.role}] {name} {url}: unexpected status {status}")
        else:
            script_errors.clear()
            page.set_viewport_size(DESKTOP)
            response = page.goto(url, wait_until="load")
            if response is None or response.status != 200 or page.url != probe.url:
                result.errors.append(f"[{actor.role}] {name} {url}: did not load in the page")
                continue
            result.checked[name] = url
            result.axe += describe_violations(run_axe(page), url, actor.role)
            if name not in REFLOW_EXEMPT:
                result.reflow += measure_reflow(page, url, actor.role)
            result.errors += [f"[{actor.role}] {url}: script error: {e}" for e in script_errors]
    page.close()
    return result


def run_axe(page) -> list[dict]:
    """axe-core's violations of WCAG 2.0, 2.1 and 2.2 level A and AA rules on the current page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                        resultTypes: ['violations']})
            .then(result => result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))
            })))""",
        AXE_TAGS,
    )


def describe_violations(violations: list[dict], url: str, role: str) -> list[str]:
    lines = []
    for violation in violations:
        lines.append(
            f"[{role}] {url}: {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append("    at " + " ".join(str(part) for part in node["target"]))
            for line in (node["summary"] or "").splitlines():
                lines.append(f"      {line}")
    return lines


# Elements sticking out past the right edge, outermost first, to say what widens the page.
_WIDEST = """(limit) => {
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    return Array.from(document.querySelectorAll('body *'))
        .filter(el => el.getBoundingClientRect().right > limit + 1)
        .slice(0, 8)
        .map(el => name(el) + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + 'px)');
}"""


def measure_reflow(page, url: str, role: str) -> list[str]:
    """At 320 CSS pixels the page must not scroll sideways (WCAG 1.4.10)."""
    page.set_viewport_size(NARROW)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width <= NARROW["width"] + 1:
        return []
    widest = page.evaluate(_WIDEST, NARROW["width"])
    return [f"[{role}] {url}: {width}px wide at 320px; sticking out: {', '.join(widest)}"]
