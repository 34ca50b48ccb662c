"""Hold what a catalog check found: findings, each naming locale, msgctxt and rule, gathered in one report."""

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" refuses the catalog; "warning" is for a human to look at
    locale: str
    context: str | None
    rule: str
    message: str


@dataclass
class Report:
    locale: str
    file: str
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def as_dict(self) -> dict:
        """Return the report as plain data for JSON."""
        warnings = len(self.findings) - len(self.errors)
        findings = [asdict(f) for f in self.findings]
        return {"locale": self.locale, "file": self.file, "errors": len(self.errors), "warnings": warnings,
                "findings": findings}  # fmt: skip

    def add(self, severity: str, context: str | None, rule: str, message: str) -> None:
        """Record one finding for this report's locale."""
        self.findings.append(Finding(severity, self.locale, context, rule, message))
