"""Badge QR codes as PDF vector paths, fast enough to print thousands of badges a second.

``qrcode`` supplies the function patterns, the block table, the Reed-Solomon generators and the
mask functions (alphanumeric mode, error correction M). The version is the smallest that fits
our fixed-length codes and the mask is fixed: the usual automatic mask search builds and scores
the symbol eight times, which is most of the cost of the obvious approach, and every mask is
equally valid for decoders. The blank symbol and the order of the data modules are computed once;
each code then only encodes its codewords (table-driven Reed-Solomon, several times faster than
qrcode's polynomial objects) and places its bits. Tests check every module against qrcode's own.
"""

from __future__ import annotations

import functools
import re

from qrcode import LUT, QRCode, base, util
from qrcode.constants import ERROR_CORRECT_M

MASK = 2  # vertical stripes every third column: as good as any for a decoder
QUIET = 4  # modules of white margin the standard asks for
_DARK_RUN = re.compile("1+")


@functools.cache
def version_for(length: int) -> int:
    """Smallest QR version holding ``length`` alphanumeric characters at error correction M."""
    qr = QRCode(error_correction=ERROR_CORRECT_M)
    qr.add_data(util.QRData("0" * length, mode=util.MODE_ALPHA_NUM))
    return qr.best_fit()


@functools.cache
def _blank(version: int) -> tuple[int, list[str], tuple[int, ...], int]:
    """(size, function-pattern cells as '0'/'1' with '' for data, data cell order, mask as an int)."""
    qr = QRCode(version=version, error_correction=ERROR_CORRECT_M, mask_pattern=MASK)
    n = qr.modules_count = version * 4 + 17
    qr.modules = [[None] * n for _ in range(n)]
    qr.setup_position_probe_pattern(0, 0)
    qr.setup_position_probe_pattern(n - 7, 0)
    qr.setup_position_probe_pattern(0, n - 7)
    qr.setup_position_adjust_pattern()
    qr.setup_timing_pattern()
    qr.setup_type_info(False, MASK)
    if version >= 7:
        qr.setup_type_number(False)
    # The data modules in placement order: two-column strips from the right, zigzagging up and
    # down, skipping the vertical timing pattern (ISO/IEC 18004 §7.7.3, as qrcode's map_data).
    order: list[int] = []
    upward = True
    col = n - 1
    while col > 0:
        if col == 6:
            col -= 1
        rows = range(n - 1, -1, -1) if upward else range(n)
        for row in rows:
            for c in (col, col - 1):
                if qr.modules[row][c] is None:
                    order.append(row * n + c)
        upward = not upward
        col -= 2
    mask_func = util.mask_func(MASK)
    mask_bits = "".join("1" if mask_func(p // n, p % n) else "0" for p in order)
    cells = ["" if v is None else ("1" if v else "0") for row in qr.modules for v in row]
    return n, cells, tuple(order), int(mask_bits, 2)


ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {ch: i for i, ch in enumerate(ALPHANUMERIC)}


@functools.cache
def _blocks(version: int) -> tuple[tuple[int, ...], int, tuple[int, ...]]:
    """(data codewords per block, EC codewords per block, the generator times each byte value).

    The EC register is kept as one integer of ``ec`` bytes, so a division step is a shift and
    an XOR with a precomputed product instead of a loop over the generator's coefficients.
    """
    blocks = base.rs_blocks(version, ERROR_CORRECT_M)
    ec = blocks[0].total_count - blocks[0].data_count
    generator = LUT.rsPoly_LUT[ec][1:]
    exp, log = base.EXP_TABLE, base.LOG_TABLE
    products = [0] + [
        int.from_bytes(bytes(exp[(log[g] + log[factor]) % 255] for g in generator), "big") for factor in range(1, 256)
    ]
    return tuple(b.data_count for b in blocks), ec, tuple(products)


def codewords(text: str, version: int) -> list[int]:
    """Data and error-correction codewords, interleaved, for alphanumeric ``text``."""
    sizes, ec_count, products = _blocks(version)
    limit = sum(sizes) * 8
    values = [_VALUE[ch] for ch in text]
    bits = ["0010", format(len(values), f"0{util.length_in_bits(util.MODE_ALPHA_NUM, version)}b")]
    bits += [format(values[i] * 45 + values[i + 1], "011b") for i in range(0, len(values) - 1, 2)]
    if len(values) % 2:
        bits.append(format(values[-1], "06b"))
    stream = "".join(bits)
    if len(stream) > limit:
        raise ValueError("text too long for this QR version")
    stream += "0" * min(4, limit - len(stream))
    stream += "0" * (-len(stream) % 8)
    pad = "1110110000010001" * limit
    stream += pad[: limit - len(stream)]
    data = int(stream, 2).to_bytes(limit // 8, "big")
    top = 8 * (ec_count - 1)
    keep = (1 << (8 * ec_count)) - 1
    data_blocks, ec_blocks, offset = [], [], 0
    for size in sizes:
        block = data[offset : offset + size]
        offset += size
        register = 0
        for byte in block:
            register = ((register << 8) & keep) ^ products[byte ^ (register >> top)]
        data_blocks.append(block)
        ec_blocks.append(register.to_bytes(ec_count, "big"))
    out = [b[i] for i in range(max(sizes)) for b in data_blocks if i < len(b)]
    out += [b[i] for i in range(ec_count) for b in ec_blocks]
    return out


def matrix(text: str) -> list[str]:
    """The symbol for ``text`` (QR alphanumeric characters only) as rows of '0'/'1', top row first."""
    version = version_for(len(text))
    n, blank, order, mask = _blank(version)
    data = codewords(text, version)
    bits = int.from_bytes(bytes(data), "big") << (len(order) - len(data) * 8)  # remainder bits are 0
    dark = format(bits ^ mask, f"0{len(order)}b")
    cells = blank.copy()
    for pos, ch in zip(order, dark, strict=True):
        cells[pos] = ch
    flat = "".join(cells)
    return [flat[r * n : (r + 1) * n] for r in range(n)]


def pdf_path(rows: list[str]) -> str:
    """PDF path operators drawing the dark modules, one rectangle per horizontal run, in module
    units with the origin at the symbol's bottom-left corner (the caller scales it)."""
    n = len(rows)
    ops = [
        f"{m.start()} {n - 1 - r} {m.end() - m.start()} 1 re"
        for r, row in enumerate(rows)
        for m in _DARK_RUN.finditer(row)
    ]
    return "\n".join(ops)


def draw(canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw the QR for ``text`` with its quiet zone inside the ``size`` square at (x, y)."""
    rows = matrix(text)
    n = len(rows)
    module = size / (n + 2 * QUIET)
    ox, oy = x + QUIET * module, y + QUIET * module
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.addLiteral(f"{module:.4f} 0 0 {module:.4f} {ox:.3f} {oy:.3f} cm 0 g\n{pdf_path(rows)}\nf")
    canvas.restoreState()
