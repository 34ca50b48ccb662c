"""Which tests each core module's mutants run against: first the fast ones, then every covering file to confirm."""

NEGOTIATION = ["tests/test_negotiation.py", "tests/test_negotiation_rules.py"]
CHECKS = ["tests/test_check_rules.py", "tests/test_check_catalog.py", "tests/test_check_limits.py"]
CATALOG_CHECKS = ("api/i18n/checks.py", "api/i18n/findings.py", "api/i18n/rules.py", "api/i18n/limits.py",
                  "api/i18n/plurals.py")  # fmt: skip
STRICT_PO = ("api/i18n/strict.py", "api/i18n/syntax.py", "api/i18n/grammar.py")  # the strict PO reader
STRICT_READER = ["tests/test_strict_reader.py", "tests/test_po_grammar.py"]
RESPONSE_WRITING = ("api/http/respond.py", "api/http/revisions.py")
RESPOND = ["tests/test_respond_rules.py", "tests/test_api.py", "tests/test_pinning.py", "tests/test_cors.py"]
FAST = {  # module -> the unit tests each of its mutants runs against first
    "api/i18n/negotiate.py": NEGOTIATION,
    "api/i18n/tags.py": [*NEGOTIATION, "tests/test_tags_rules.py"],
    "api/render/localize.py": ["tests/test_localize_rules.py", "tests/test_api.py"],
    **{module: [*RESPOND, "tests/test_contract.py"] for module in RESPONSE_WRITING},
    # The catalog checks: test_checks.py runs `flask` in subprocesses, which see no mutant; these run in-process.
    **{module: CHECKS for module in CATALOG_CHECKS},
    **{module: STRICT_READER for module in STRICT_PO},  # case by case, msgfmt as the oracle
}
# Survivors are confirmed against the whole of every in-process test file that covers the module.
CONFIRM = {
    "api/i18n/negotiate.py": [*NEGOTIATION, "tests/test_tags_rules.py", "tests/test_api.py", "tests/test_cors.py"],
    "api/i18n/tags.py": [*NEGOTIATION, "tests/test_tags_rules.py", "tests/test_api.py", "tests/test_cors.py"],
    "api/render/localize.py": ["tests/test_localize_rules.py", "tests/test_api.py", "tests/test_content.py",
                              "tests/test_offline.py", "tests/test_fragments.py"],
    **{module: [*RESPOND, "tests/test_contract.py", "tests/test_memo.py", "tests/test_embed.py",
                "tests/test_offline.py"] for module in RESPONSE_WRITING},
    **{module: [*CHECKS, "tests/test_catalog_formats.py", "tests/test_translators.py", "tests/test_strict_catalogs.py"]
       for module in CATALOG_CHECKS},
    **{module: [*STRICT_READER, "tests/test_strict_catalogs.py"] for module in STRICT_PO},
}  # fmt: skip
