"""The one spreadsheet module: one neutralisation rule for CSV and XLSX, and the upload reader."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from conference.core import spreadsheets

HYPERLINK = '=HYPERLINK("http://evil.example","Click")'
HEADERS = ["name", "phone", "amount", "born"]
ROWS = [[HYPERLINK, "+84 24 1234 5678", "-12.5", dt.date(1980, 4, 12)], ["Lan", None, 3, None]]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("+1+2", "'+1+2"),
        ("-cmd", "'-cmd"),
        ("+", "'+"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("+84 24 1234 5678", "+84 24 1234 5678"),
        ("+1 (202) 555-0143", "+1 (202) 555-0143"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("Nguyễn", "Nguyễn"),
        (-5, -5),
    ],
)
def test_one_rule_neutralises_formulas_but_not_numbers_or_phone_numbers(value, expected):
    assert spreadsheets.neutralise(value) == expected


def test_csv_reads_back_with_formulas_quoted_and_phone_numbers_as_typed():
    data = spreadsheets.to_csv(HEADERS, ROWS)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [HEADERS, ["'" + HYPERLINK, "+84 24 1234 5678", "-12.5", "1980-04-12"], ["Lan", "", "3", ""]]


def test_xlsx_stores_every_text_as_text_and_numbers_as_numbers():
    sheet = openpyxl.load_workbook(io.BytesIO(spreadsheets.to_xlsx("People: all", HEADERS, ROWS))).active
    assert sheet.title == "People_ all"
    assert [c.value for c in sheet[1]] == HEADERS and sheet["A1"].font.bold
    name, phone, amount, born = sheet[2]
    assert (name.value, name.data_type) == ("'" + HYPERLINK, "s")
    assert (phone.value, phone.data_type) == ("+84 24 1234 5678", "s")
    assert (amount.value, amount.data_type) == ("-12.5", "s")
    assert born.value == "1980-04-12"
    assert sheet["C3"].value == 3
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_xlsx_drops_characters_a_workbook_cannot_hold():
    sheet = openpyxl.load_workbook(io.BytesIO(spreadsheets.to_xlsx("x", ["name"], [["An\x01na"]]))).active
    assert sheet["A2"].value == "Anna"


def test_uploads_read_back_as_rows_in_both_formats():
    expected = [["given_names", "phone"], ["Lan", "+84 24 1234 5678"]]
    csv_data = "\ufeffgiven_names;phone\nLan;+84 24 1234 5678\n".encode()
    assert spreadsheets.read_rows("people.csv", csv_data) == expected
    book = openpyxl.Workbook()
    for row in [*expected, ["=1+1", None]]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    assert spreadsheets.read_rows("people.xlsx", buffer.getvalue()) == [*expected, ["=1+1", None]]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [("people.csv", "Nguyễn".encode("utf-16"), "not UTF-8"), ("people.xlsx", b"PK not a zip", "not a readable XLSX")],
)
def test_an_unreadable_upload_says_why(filename, data, message):
    with pytest.raises(spreadsheets.UnreadableFile, match=message):
        spreadsheets.read_rows(filename, data)
