"""axe-core (npm package, pinned in tests/support/axe/package-lock.json) injected into a page.

`make test` installs it with `npm ci --prefix tests/support/axe`; the browser test reads
node_modules/axe-core/axe.min.js and runs it in the page, keeping the serious and critical
violations."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


def axe_unavailable_reason() -> str | None:
    """Why axe-core cannot be injected, or None when it can."""
    if AXE_SCRIPT.is_file():
        return None
    return f"no {AXE_SCRIPT} (npm ci --prefix {AXE_DIR} installs it; `make test` does)"


def severe_violations(page: "Page") -> list[dict[str, Any]]:
    """axe's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
          const r = await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
          });
          return r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200),
                                                   summary: (n.failureSummary || "").slice(0, 300)})),
            count: v.nodes.length,
          }));
        }"""
    )
    return [v for v in result if v["impact"] in SEVERE]


def describe(violations: list[dict[str, Any]]) -> str:
    """The violations as readable lines for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['count']} elements)")
        lines += [f"    {n['target']}: {n['html']}\n      {n['summary']}" for n in v["nodes"]]
    return "\n".join(lines)
