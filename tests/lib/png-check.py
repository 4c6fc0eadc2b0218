"""Whether a screenshot shows something: png-check.py FILE WIDTH HEIGHT RGB
exits 0 when FILE is a PNG of WIDTH x HEIGHT that is not blank (many
colours) and has pixels of the colour RGB (hex, such as 2a6f97), else 1
with why. Decoded with the stdlib (zlib and the five PNG row filters).
"""
import struct
import sys
import zlib


def rows(data, width, bpp):
    """The unfiltered rows of 8-bit pixels, bpp bytes each."""
    stride = width * bpp
    prev = bytearray(stride)
    pos = 0
    while pos < len(data):
        kind, line = data[pos], bytearray(data[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        yield line
        prev = line


def main():
    path, want_w, want_h, rgb = sys.argv[1:5]
    raw = open(path, "rb").read()
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("# %s is not a PNG" % path)
    pos, idat, head = 8, b"", None
    while pos < len(raw):
        n, kind = struct.unpack(">I4s", raw[pos:pos + 8])
        body = raw[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    width, height, depth, colour, _, _, interlace = head
    if (width, height) != (int(want_w), int(want_h)):
        sys.exit("# the screenshot is %dx%d" % (width, height))
    if depth != 8 or colour not in (2, 6) or interlace:
        sys.exit("# unexpected PNG kind %r" % (head,))
    bpp = 3 if colour == 2 else 4
    target = bytes.fromhex(rgb)
    colours, hits = set(), 0
    for line in rows(zlib.decompress(idat), width, bpp):
        for i in range(0, len(line), bpp):
            px = bytes(line[i:i + 3])
            colours.add(px)
            hits += px == target
    if len(colours) < 16 or hits < 100:
        sys.exit("# %d colours, %d pixels of %s" % (len(colours), hits, rgb))


main()
