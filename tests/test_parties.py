"""Who is who: the document's own party terms (clausecheck.parties) and how the reader is told
about them (clausecheck.encoder.marking). Every contract text here was written for this test."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from clausecheck.api import Engine
from clausecheck.encoder.marking import mark_parties, parties_from_terms
from clausecheck.judge import DocumentJudge
from clausecheck.read import read_document

CLI = [sys.executable, "-m", "clausecheck"]


def _check_json(path) -> dict:
    out = subprocess.run([*CLI, "check", "--no-model", "--quiet", "--format", "json", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)["documents"][0]


def test_one_defined_person_against_the_other_side_s_role_words(tmp_path):
    # A platform's terms: the provider is defined by name, the user only as 您 (a customer role
    # word). The one person defined is the other side: the supplier.
    doc = tmp_path / "terms.txt"
    doc.write_text(textwrap.dedent("""\
        云帆服务条款
        本条款是您与云帆信息技术（杭州）有限公司（以下简称“云帆”）之间就云帆服务订立的协议。
        一、云帆向您提供云主机和对象存储服务，服务内容以产品页面为准。
        二、云帆有权根据运营需要随时暂停向您提供全部或者部分服务。
        三、您应当按时支付服务费用，并不得利用服务从事违法活动。
        四、云帆不会未经您的同意访问您存储的业务数据。
        """), encoding="utf-8")
    rep = _check_json(doc)
    assert rep["supplier_term"] == "云帆"
    assert not [w for w in rep["warnings"] if w["code"] == "supplier-not-identified"]


def test_a_role_word_decides_over_what_the_party_does(tmp_path):
    # The distributor distributes, markets and promotes far more often than the manufacturer
    # supplies, but "Distributor" is a customer's role word: the manufacturer is the supplier.
    acts = " ".join(f"Distributor shall distribute and market the Products in region {n}." for n in range(12))
    doc = tmp_path / "distribution.txt"
    doc.write_text(
        'DISTRIBUTION AGREEMENT\nThis Distribution Agreement is made between Korvel Devices Inc. ("Korvel") '
        'and Lattice Trading LLC ("Distributor").\n1. Appointment. Korvel shall sell the Products to '
        f"Distributor at the prices in Schedule A. {acts}\n2. Payment. Distributor shall pay each invoice "
        "within thirty days.\n", encoding="utf-8")
    assert _check_json(doc)["supplier_term"] == "Korvel"


def test_subcontractors_dates_and_pay_are_not_parties(tmp_path):
    # "Subcontractor" (capitalised, never defined as a party) is the supplier's helper, not a party;
    # "EffectiveDate" and ("Salary") are defined terms that name a date and a payment.
    helpers = " ".join(f"Any Subcontractor engaged for task {n} shall keep records." for n in range(30))
    doc = tmp_path / "services.txt"
    doc.write_text(
        'SERVICES AGREEMENT\nThis Services Agreement (the "Agreement") is dated May 1, 2013 (the '
        '"EffectiveDate") and is made between Orvane Systems Inc. ("Orvane") and Pellham Freight Company '
        '("Pellham").\n1. Services. Orvane shall provide the maintenance services to Pellham and Pellham '
        'shall pay Orvane a monthly amount (the "Salary") for them. Orvane shall perform the services '
        f"with due care. {helpers}\n2. Payment. Pellham shall pay each invoice within thirty days.\n",
        encoding="utf-8")
    assert _check_json(doc)["supplier_term"] == "Orvane"
    parties = DocumentJudge(read_document(doc), Engine(use_model=False).library).parties
    named = set(parties.supplier_terms) | set(parties.customer_terms)
    assert {"Orvane", "Pellham"} <= named and not named & {"EffectiveDate", "Salary", "Subcontractor"}, named



def test_a_comma_inside_the_quotes_and_omission_marks_name_no_party(tmp_path):
    # A filed contract marks omitted text with ("*****") before the parties are defined, and defines
    # the customer as ("Client," which shall include ...): the asterisks are nobody, and the
    # comma is the sentence's, so the other person defined is the supplier.
    doc = tmp_path / "hosting.txt"
    doc.write_text(
        'Portions of this exhibit have been omitted and are marked with asterisks ("*****").\n'
        'HOSTING AND FULFILMENT AGREEMENT\nThis Agreement is entered into between Brindle Commerce, LLC, a '
        'New Jersey limited liability company having its principal place of business at 1200 Harbour '
        'Industrial Park Road South, Newark, NJ '
        '07105 ("Brindle") and Halvard Media, Inc., a Delaware corporation ("Client," which shall '
        'include its affiliates).\n1. Services. Brindle shall host and operate the Client web stores and '
        'shall provide the fulfilment services. Brindle shall deliver monthly reports.\n2. Fees. Client '
        'shall pay the fees in Schedule B.\n', encoding="utf-8")
    assert _check_json(doc)["supplier_term"] == "Brindle"
    parties = DocumentJudge(read_document(doc), Engine(use_model=False).library).parties
    assert "Client" in parties.customer_terms and "*****" not in parties.supplier_terms + parties.customer_terms

def test_marking_names_each_party_by_its_role_in_one_pass():
    p = parties_from_terms(["Brightline", "Customer Co."], ["Harbor"])
    assert (mark_parties("BRIGHTLINE shall not suspend Harbor's access; Customer Co. agrees.", p)
            == "Supplier shall not suspend Customer's access; Supplier agrees.")
    zh = parties_from_terms(["星河公司"], ["甲方"])
    assert mark_parties("星河公司不得中断向甲方供货。", zh) == "乙方不得中断向甲方供货。"
    assert mark_parties("Nothing to mark here.", None) == "Nothing to mark here."


def test_the_reader_sees_each_clause_with_the_parties_marked(tmp_path):
    """The judge hands the reader (and the screen) text with the document's terms replaced by
    role words, as the reader was trained."""
    text = ('SERVICES AGREEMENT\nThis Services Agreement is between Quillon Systems Inc. ("Quillon") and '
            'Meridel Foods LLC ("Meridel").\n1. Services. Quillon shall provide the hosting services to Meridel. '
            "Quillon shall maintain the services and Quillon will deliver monthly reports. Meridel shall pay the fees.\n2. Continuity. Quillon shall not suspend Meridel's access to the "
            "services during any payment dispute.\n")
    seen: list[str] = []

    class Recorder:
        def __init__(self, real):
            self.real = real

        def read(self, texts):
            seen.extend(texts)
            return self.real.read(texts)

    from clausecheck.encoder.runtime import get_reader

    path = tmp_path / "services.txt"
    path.write_text(text, encoding="utf-8")
    src = read_document(path)
    judge = DocumentJudge(src, Engine(use_model=False).library, reader=Recorder(get_reader()))
    assert judge.parties.supplier_term == "Quillon"
    judge.judge_all()
    assert any("Supplier shall not suspend Customer's access" in t for t in seen), seen
    assert not any("Quillon" in t or "Meridel" in t for t in seen)


def test_party_a_that_provides_is_the_supplier(tmp_path):
    # An English translation of a Chinese contract names the sides "Party A:" and "Party B:". Party A
    # is the customer by habit, but here it provides the service and Party B pays for it.
    acts = " ".join(f"Party A shall provide the search traffic services for channel {n}." for n in range(6))
    pays = " ".join(f"Party B shall pay Party A the fee for channel {n}." for n in range(6))
    doc = tmp_path / "cooperation.txt"
    doc.write_text(
        "CHANNEL COOPERATION AGREEMENT\nParty A:\nHaitang Search Technology Co., Ltd.\nParty B:\nQinglan Housing "
        f"Online Co., Ltd.\n1. Services. {acts}\n2. Fees. {pays}\n", encoding="utf-8")
    assert _check_json(doc)["supplier_term"] == "Party A"


def test_the_preamble_after_a_cover_page_and_table_of_contents(tmp_path):
    # A cover page names the parties without defining them, and the table of contents lists
    # "ARTICLE 1 DEFINITIONS" before the preamble that does: the parties are the ones the preamble
    # defines, not the role word "Suppliers" the definitions use for subcontractors.
    toc = "\n".join(f"ARTICLE {n} {h} {n}" for n, h in enumerate(
        ("DEFINITIONS", "SUPPLY OF PRODUCTS", "QUALITY", "PRICE AND PAYMENT", "TERM"), start=1))
    doc = tmp_path / "supply.txt"
    doc.write_text(
        "SUPPLY AGREEMENT\n\nby and between\n\nTALLOW MOUNTAIN LTD.\n\nand\n\nBRANDT HEALTH CORPORATION\n\n"
        f"TABLE OF CONTENTS\n\n{toc}\n\n"
        "THIS SUPPLY AGREEMENT is entered into by and between Brandt Health Corporation, a Michigan "
        "corporation with its principal office at 12 Orchard Road, Springfield, MI 49001, whose main plant "
        "stands in Kalamazoo (\"Brandt\") and Tallow Mountain Ltd., an Irish company with its registered "
        "office at 4 Quay Street, Dublin 2, Ireland D02 XY45, whose main plant stands in Cork (\"Tallow\").\n"
        "ARTICLE 1 DEFINITIONS\n1.1 \"Suppliers\" means the suppliers of raw materials to Tallow.\n"
        "ARTICLE 2 SUPPLY OF PRODUCTS\n2.1 Tallow shall manufacture and supply the Products to Brandt.\n"
        "2.2 Tallow shall deliver each order within thirty days.\n2.3 Brandt shall pay each invoice within "
        "thirty days.\n2.4 Tallow shall ensure that its Suppliers deliver materials on time.\n"
        "2.5 The Supplier of each material shall be approved by Brandt.\n", encoding="utf-8")
    rep = _check_json(doc)
    assert rep["supplier_term"] == "Tallow"


def test_how_parties_are_found_is_library_data(tmp_path):
    """The preamble's end, the defined-term syntax and the verbs of providing and paying are cues
    in the clause library (``parties`` in language.yaml), not code: a library that adds a
    heading word ends the preamble at it, and a defined-term pattern without its ``name`` group is
    refused, naming the file."""
    import shutil

    import pytest

    from clausecheck.errors import LibraryError
    from clausecheck.library import default_library_path, load_library
    from clausecheck.parties import detect_parties
    from clausecheck.segment import segment

    lib_dir = tmp_path / "lib"
    shutil.copytree(default_library_path(), lib_dir)
    lang = lib_dir / "language.yaml"
    text = lang.read_text(encoding="utf-8")
    # Two persons are defined after the heading "PRÉAMBULE ENDS"; with the heading as a preamble
    # end, the second one ("Ostrander") is no longer in the preamble and, undefined by a corporate
    # name or a role word, is no party.
    doc = tmp_path / "services.txt"
    doc.write_text(
        'SERVICES AGREEMENT\nThis Services Agreement is made between Hallam Works, of 9 Mill Lane, ("Hallam") '
        "on the one side.\nINTERLUDE\n" + "x " * 60 + '\nand, at 4 Pier Road, ("Ostrander").\n'
        "1. Hallam shall provide the services to Ostrander.\n2. Ostrander shall pay each invoice.\n",
        encoding="utf-8")
    seg = segment(read_document(doc))
    shipped = detect_parties(seg, load_library())
    assert "Ostrander" in shipped.customer_terms
    marker = "(?-i:\\b(WHEREAS|"
    assert marker in text
    lang.write_text(text.replace(marker, "(?-i:\\b(INTERLUDE|WHEREAS|", 1), encoding="utf-8")
    edited = detect_parties(seg, load_library(lib_dir))
    assert "Ostrander" not in edited.customer_terms + edited.supplier_terms
    lang.write_text(text.replace("(?P<name>[^", "([^", 1), encoding="utf-8")
    with pytest.raises(LibraryError, match="language.yaml"):
        load_library(lib_dir)


def test_a_chinese_party_with_a_second_name_and_the_agreement_defined_first(tmp_path):
    # Platform terms define the agreement itself first (（以下简称“本协议”）: a document, no party) and
    # the provider with a second name (“云栈”或者“我们”: 我们 is a supplier's role word). The provider
    # is the supplier, and its promise not to interrupt the service is its commitment.
    doc = tmp_path / "terms.txt"
    doc.write_text(textwrap.dedent("""\
        云栈服务协议
        更新日期：2025年3月1日
        本《云栈服务协议》（以下简称“本协议”）是您与云栈数据科技（苏州）有限公司（以下简称“云栈”或者“我们”）之间就云栈服务订立的协议。
        一、云栈向您提供云主机、云硬盘和负载均衡服务，具体以产品页面为准。
        二、在服务期限内，云栈不会无正当理由中断向您提供已订购的服务及必要的技术支持。
        三、您应当按时支付服务费用。
        """), encoding="utf-8")
    rep = _check_json(doc)
    assert rep["supplier_term"] == "云栈"
    supply = next(f for f in rep["findings"] if f["requirement"] == "no-unjustified-supply-interruption")
    assert supply["status"] == "compliant", supply


def test_a_public_body_defined_after_its_address(tmp_path):
    # The customer is a public body named with its address and no corporate word; the defined term
    # after the address names a party, so the customer's own duty is no commitment of the supplier.
    doc = tmp_path / "services.txt"
    doc.write_text(
        "HOSTED SERVICES AGREEMENT\n\nBetween\n\nTHE NORTHVALE REGIONAL RECORDS OFFICE, a public body under the "
        "regional administration, of 8 Harbour Square, Northvale (the \"Office\"),\n\nand\n\nBRIGHTWELL HOSTING "
        "LTD., a company registered in England, of 40 Mill Road, Leeds (the \"Contractor\").\n\n"
        "1. Services\n1.1 The Contractor shall host the Office's records system.\n"
        "2. Reviews\n2.1 The Office is responsible for determining whether its procurement of the Service requires "
        "a cybersecurity review and for submitting any application to the Cybersecurity Review Office.\n",
        encoding="utf-8")
    rep = _check_json(doc)
    assert rep["supplier_term"] == "Contractor"
    review = next(f for f in rep["findings"] if f["requirement"] == "review-cooperation")
    assert review["status"] == "missing", review


def test_what_looks_like_a_contract_is_library_data(tmp_path):
    """Whether a file looks like a contract at all (``clausecheck.triage``) is decided by cues in
    the clause library (``contract_signs`` in language.yaml): a library that adds a documentation
    file name flags a memo named that way, the shipped one does not, and a broken cue is refused
    naming the file."""
    import shutil

    import pytest

    from clausecheck.errors import LibraryError
    from clausecheck.library import default_library_path, load_library
    from clausecheck.parties import detect_parties
    from clausecheck.segment import segment
    from clausecheck.triage import not_a_contract

    lib_dir = tmp_path / "lib"
    shutil.copytree(default_library_path(), lib_dir)
    lang = lib_dir / "language.yaml"
    text = lang.read_text(encoding="utf-8")
    doc = tmp_path / "minutes-procurement.txt"
    doc.write_text("Procurement agreement review\nThe meeting looked at three supplier drafts.\n"
                   "Nobody had questions about the renewal dates.\nThe next meeting is in May.\n",
                   encoding="utf-8")
    source = read_document(doc)
    seg = segment(source)

    def flagged(lib):
        return not_a_contract(source, seg, detect_parties(seg, lib), lib, doc.name)

    assert flagged(load_library()) is None  # titled like an agreement, not named like documentation
    marker = "readme|licen[cs]e|"
    assert marker in text
    lang.write_text(text.replace(marker, "minutes|" + marker, 1), encoding="utf-8")
    warning = flagged(load_library(lib_dir))
    assert warning is not None and warning.code == "not-a-contract" and "documentation" in warning.message
    lang.write_text(text.replace(marker, "minutes(|" + marker, 1), encoding="utf-8")
    with pytest.raises(LibraryError, match="language.yaml"):
        load_library(lib_dir)


def test_the_shipped_bilingual_sample_names_the_licensor_as_supplier():
    # Its preamble defines each party in English then Chinese, line by line; the two persons are
    # the English names (the Chinese ones take their roles), so the supplier is not "Licensee".
    from pathlib import Path

    rep = _check_json(Path(__file__).resolve().parents[1] / "samples" / "bi-software-licence.docx")
    assert rep["supplier_term"] == "Licensor / 许可方"


def test_a_bilingual_preamble_in_corner_brackets_line_by_line(tmp_path):
    # Hong Kong drafting: each party defined in English and then in Chinese with 「」; the customer's
    # Chinese name (銀行) is no role word, and its right to terminate for convenience is no take-back.
    doc = tmp_path / "hk.txt"
    doc.write_text(textwrap.dedent("""\
        MAINTENANCE AGREEMENT
        維護協議
        (1) LANTAU HARBOUR BANK LIMITED, whose registered office is in Central, Hong Kong (the "Bank"); and
        (1) 大嶼港銀行有限公司，註冊辦事處位於香港中環（「銀行」）；及
        (2) SHEK O TERMINALS LIMITED, whose registered office is in Kwun Tong, Hong Kong (the "Vendor").
        (2) 石澳終端有限公司，註冊辦事處位於香港觀塘（「賣方」）。
        1. The Vendor shall supply and maintain the teller terminals listed in the Schedule.
        1. 賣方須供應及維護附表所列的櫃員終端。
        2. The Vendor shall not suspend or discontinue the supply of the terminals, spare parts or the maintenance services, including during any dispute between the parties.
        2. 賣方不得暫停或終止供應終端、備用零件或維護服務，包括在雙方存在爭議期間。
        3. The Bank may terminate this Agreement for convenience on ninety days' written notice.
        3. 銀行可發出九十日書面通知，基於便利理由終止本協議。
        4. The Bank shall pay each invoice within thirty days.
        4. 銀行須於三十日內支付每張發票。
        """), encoding="utf-8")
    rep = _check_json(doc)
    assert rep["supplier_term"] == "Vendor / 卖方"
    supply = {f["requirement"]: f for f in rep["findings"]}["no-unjustified-supply-interruption"]
    assert supply["status"] == "compliant", supply
