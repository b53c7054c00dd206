"""Every event the code records has a label in the audit log's words."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["regions", "handbook", "toolkit", "eubelong"]
WRITER = "audit_record"


def _strings(node) -> list[str] | None:
    """The string values an expression can take: a literal, or either branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body), _strings(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _action_template(node, params: list[str]):
    """`action=...` of a writer call inside a helper: a literal, the helper's own parameter
    (`action=action`), or a prefix plus it (`f"content.{action}"`)."""
    if isinstance(node, ast.Name) and node.id in params:
        return ("", node.id)
    if (
        isinstance(node, ast.JoinedStr)
        and len(node.values) == 2
        and isinstance(node.values[0], ast.Constant)
        and isinstance(node.values[1], ast.FormattedValue)
        and isinstance(node.values[1].value, ast.Name)
        and node.values[1].value.id in params
    ):
        return (node.values[0].value, node.values[1].value.id)
    return None


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _argument(call: ast.Call, function: ast.FunctionDef, param: str):
    for keyword in call.keywords:
        if keyword.arg == param:
            return keyword.value
    positional = [a.arg for a in function.args.posonlyargs + function.args.args]
    if param in positional and positional.index(param) < len(call.args):
        return call.args[positional.index(param)]
    return None


def recorded_codes() -> tuple[set[str], list[str]]:
    """Event codes written anywhere in the code, and the places whose code cannot be read."""
    codes, unreadable = set(), []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            helpers = {}  # helper name -> (function, prefix, parameter)
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef) or function.name == WRITER:
                    continue
                params = [a.arg for a in function.args.args + function.args.kwonlyargs]
                for call in ast.walk(function):
                    if isinstance(call, ast.Call) and _call_name(call) == WRITER:
                        action = _argument(call, function, "action") or next(
                            (k.value for k in call.keywords if k.arg == "action"), None
                        )
                        template = _action_template(action, params) if action else None
                        if template:
                            helpers[function.name] = (function, *template)
            for call in ast.walk(tree):
                if not isinstance(call, ast.Call):
                    continue
                name = _call_name(call)
                where = f"{path.relative_to(ROOT)}:{call.lineno}"
                if name == WRITER:
                    action = next((k.value for k in call.keywords if k.arg == "action"), None)
                    found = _strings(action) if action is not None else None
                    if found is not None:
                        codes.update(found)
                    elif not any(
                        function.lineno <= call.lineno <= function.end_lineno
                        for function, _prefix, _param in helpers.values()
                    ):
                        unreadable.append(where)
                elif name in helpers:
                    function, prefix, param = helpers[name]
                    found = _strings(_argument(call, function, param))
                    if found is None:
                        unreadable.append(where)
                    else:
                        codes.update(prefix + code for code in found)
    return codes, unreadable


def test_it_finds_the_recorded_events():
    codes, unreadable = recorded_codes()
    assert not unreadable, f"write these event codes as literals: {unreadable}"
    # The collector itself reaches direct calls, conditional codes and prefixed helpers.
    assert {"stakeholder.import", "workplan.approved", "2fa.reset"} <= codes
    assert {"content.create", "template.publish", "questionnaire.draft"} <= codes
    assert {"assessment.submit", "assessment.save", "workplan.not_ready"} <= codes


def test_it_has_a_label_for_every_recorded_event():
    from regions.audit_text import event_label, labelled

    codes, _unreadable = recorded_codes()
    missing = sorted(code for code in codes if not labelled(code))
    assert not missing, f"add labels to regions/audit_text.py for: {missing}"
    assert all(event_label(code) != "Other event" for code in codes)
