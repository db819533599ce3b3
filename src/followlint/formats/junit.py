"""`--format junit`: a JUnit XML report, one test case per file, one failure per finding."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from followlint.formats import RenderOptions
from followlint.runner import Report


def render(report: Report, options: RenderOptions) -> str:
    """Render the report as JUnit XML (CI systems show it as a test report)."""
    findings = report.findings
    suite = ET.Element(
        "testsuite",
        name="followlint",
        tests=str(len(report.files) + len(report.errors)),
        failures=str(sum(1 for r in report.files if r.findings)),
        errors=str(len(report.errors)),
    )
    for result in report.files:
        case = ET.SubElement(suite, "testcase", classname="followlint", name=result.path)
        for f in result.findings:
            failure = ET.SubElement(
                case, "failure", type=f.rule, message=f"{f.line}:{f.column}: {f.message}"
            )
            failure.text = f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}"
    for error in report.errors:
        case = ET.SubElement(suite, "testcase", classname="followlint", name=error.path)
        ET.SubElement(case, "error", message=error.message)
    suites = ET.Element("testsuites", tests=suite.get("tests", "0"), failures=str(len(findings)))
    suites.append(suite)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
