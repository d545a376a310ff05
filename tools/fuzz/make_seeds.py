#!/usr/bin/python3
"""Writes the afl-fuzz seeds: a few tiny valid files per target under tools/fuzz/seeds/<target>/.

Run with Debian's /usr/bin/python3 (Pillow, numpy, OpenCV, tifffile). Seeds are kept under ~1 KB each because
afl-fuzz mutates every byte of every seed: small files reach the parsers' branches far faster than big ones.
Deterministic (fixed RNG seed), so rerunning reproduces the committed files byte for byte.
"""
import io
import os
import struct
import sys

import cv2
import numpy as np
import tifffile
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")
rng = np.random.default_rng(20261207)


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def pil(img, fmt, **kw):
    b = io.BytesIO()
    img.save(b, fmt, **kw)
    return b.getvalue()


def gray(w, h, dtype=np.uint8):
    hi = 255 if dtype == np.uint8 else 65535
    return rng.integers(0, hi + 1, size=(h, w), dtype=dtype)


def rgb(w, h):
    return rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8)


def png():
    put("png", "g8.png", pil(Image.fromarray(gray(7, 5)), "PNG"))
    put("png", "g16.png", pil(Image.fromarray(gray(5, 3, np.uint16)), "PNG"))
    put("png", "rgb_adam7.png", _adam7(rgb(9, 9)))
    put("png", "rgba.png", pil(Image.fromarray(np.dstack([rgb(4, 4), gray(4, 4)]), "RGBA"), "PNG"))
    p = Image.fromarray(gray(6, 6) // 64).convert("P")
    put("png", "pal_trns.png", pil(p, "PNG", transparency=0, bits=2))
    put("png", "g1.png", pil(Image.fromarray(gray(13, 3) > 127), "PNG"))


def _adam7(a):
    # Pillow cannot write interlaced PNG; OpenCV cannot either. Build it by hand: zlib over the seven passes.
    import zlib
    h, w, _ = a.shape
    raw = b""
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    for x0, y0, dx, dy in passes:
        sub = a[y0::dy, x0::dx]
        if sub.size == 0:
            continue
        for row in sub:
            raw += b"\x00" + row.tobytes()

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 1)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def gif():
    put("gif", "gray.gif", pil(Image.fromarray(gray(8, 6)).convert("P"), "GIF"))
    put("gif", "interlaced.gif", pil(Image.fromarray(rgb(7, 9)).convert("P", palette=Image.ADAPTIVE, colors=16), "GIF", interlace=True))
    frames = [Image.fromarray(gray(6, 5) // 32 * 32).convert("P") for _ in range(3)]
    put("gif", "anim.gif", pil(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=40, loop=0, disposal=2))
    put("gif", "trns.gif", pil(Image.fromarray(gray(5, 5) // 128 * 255).convert("P"), "GIF", transparency=0))


def npy():
    for name, a in [
        ("u8.npy", gray(4, 3)),
        ("u16.npy", gray(3, 2, np.uint16)),
        ("f32.npy", rng.random((3, 4), dtype=np.float32)),
        ("f64_1d.npy", rng.random(5)),
        ("stack_u8.npy", rng.integers(0, 255, (2, 2, 3), dtype=np.uint8)),
        ("i64.npy", rng.integers(-300, 300, (2, 3), dtype=np.int64)),
        ("f16.npy", rng.random((2, 2)).astype(np.float16)),
        ("bool.npy", rng.random((3, 3)) > 0.5),
    ]:
        b = io.BytesIO()
        np.save(b, a)
        put("npy", name, b.getvalue())


def jpeg():
    put("jpeg", "gray.jpg", pil(Image.fromarray(gray(16, 8)), "JPEG", quality=80))
    put("jpeg", "rgb420.jpg", pil(Image.fromarray(rgb(17, 9)), "JPEG", quality=60, subsampling=2))
    put("jpeg", "rgb444_progressive.jpg", pil(Image.fromarray(rgb(9, 9)), "JPEG", quality=50, subsampling=0, progressive=True))
    put("jpeg", "restart.jpg", _restart(pil(Image.fromarray(gray(24, 16)), "JPEG", quality=70)))


def jpeg_file():
    # The .jpg route (Jpeg/Decoding/JpegFileDecoder): our DCT decoder for sequential 1/3-component frames, with what
    # real files carry (JFIF, EXIF, COM, Adobe APP14, restart markers, fill bytes, DNL, bytes after EOI), and
    # StbImageSharp for the rest (a progressive seed keeps that branch reachable).
    import subprocess
    import tempfile
    local = np.random.default_rng(17)  # own generator: the seed does not depend on which targets ran before
    g = local.integers(0, 256, size=(9, 16), dtype=np.uint8)
    c = local.integers(0, 256, size=(9, 11, 3), dtype=np.uint8)
    exif = Image.Exif()
    exif[0x0112] = 6
    put("jpeg-file", "grey_exif_com.jpg", pil(Image.fromarray(g), "JPEG", quality=80, exif=exif.tobytes(), comment=b"seed"))
    base = pil(Image.fromarray(c), "JPEG", quality=60, subsampling=2)
    put("jpeg-file", "ycc420_fill_dnl_trailing.jpg", base[:-2] + b"\xff\xff\xff\xdc\x00\x04\x00\x09" + base[-2:] + b"tail")
    put("jpeg-file", "ycc422_optimized.jpg", pil(Image.fromarray(c), "JPEG", quality=90, subsampling=1, optimize=True))
    ok, enc = cv2.imencode(".jpg", c, [cv2.IMWRITE_JPEG_RST_INTERVAL, 1, cv2.IMWRITE_JPEG_QUALITY, 70])
    put("jpeg-file", "ycc420_restart.jpg", enc.tobytes())
    put("jpeg-file", "progressive.jpg", pil(Image.fromarray(g), "JPEG", quality=50, progressive=True))
    with tempfile.TemporaryDirectory() as t:
        Image.fromarray(c).save(os.path.join(t, "c.ppm"))
        for name, args in (("ycc440.jpg", ["-sample", "1x2"]), ("adobe_rgb420.jpg", ["-rgb", "-sample", "2x2"])):
            out = os.path.join(t, name)
            subprocess.run(["cjpeg", "-quality", "75", *args, "-outfile", out, os.path.join(t, "c.ppm")], check=True)
            with open(out, "rb") as f:
                put("jpeg-file", name, f.read())


def _restart(jpg):
    # OpenCV writes restart markers; use it so the DRI/RSTn path is seeded.
    local = np.random.default_rng(16)  # own generator: the seed does not depend on which targets ran before
    ok, enc = cv2.imencode(".jpg", local.integers(0, 256, size=(16, 24), dtype=np.uint8), [cv2.IMWRITE_JPEG_RST_INTERVAL, 1, cv2.IMWRITE_JPEG_QUALITY, 70])
    return enc.tobytes() if ok else jpg


def bmp():
    put("bmp", "gray8.bmp", pil(Image.fromarray(gray(5, 3)), "BMP"))
    put("bmp", "rgb24.bmp", pil(Image.fromarray(rgb(3, 3)), "BMP"))
    put("bmp", "pal4.bmp", pil(Image.fromarray(gray(6, 2) // 16).convert("P"), "BMP"))
    put("bmp", "rgba32.bmp", pil(Image.fromarray(np.dstack([rgb(2, 2), gray(2, 2)]), "RGBA"), "BMP"))
    put("bmp", "bw1.bmp", pil(Image.fromarray(gray(9, 2) > 127), "BMP"))


def tga():
    put("tga", "gray.tga", pil(Image.fromarray(gray(5, 4)), "TGA"))
    put("tga", "rgb_rle.tga", pil(Image.fromarray(rgb(6, 3)), "TGA", compression="tga_rle"))
    put("tga", "rgba.tga", pil(Image.fromarray(np.dstack([rgb(3, 3), gray(3, 3)]), "RGBA"), "TGA"))
    put("tga", "pal.tga", pil(Image.fromarray(gray(4, 4) // 64 * 64).convert("P"), "TGA"))


def psd():
    # Pillow reads PSD but cannot write it: build minimal files (header, empty sections, composite image).
    # StbReader reads RGB, 8-bit, raw or PackBits only, so every seed is that (3 or 4 channels).
    def header(ch, h, w):
        return b"8BPS" + struct.pack(">H6xHIIHH", 1, ch, h, w, 8, 3) + struct.pack(">III", 0, 0, 0)

    w, h = 5, 3
    a = rgb(w, h)
    planes = b"".join(a[:, :, c].tobytes() for c in range(3))
    put("psd", "rgb_raw.psd", header(3, h, w) + struct.pack(">H", 0) + planes)
    # PackBits: a table of per-row byte counts for every channel, then the rows (one literal run each, and one
    # repeat run so both PackBits codes are seeded).
    rows = []
    for c in range(3):
        for y in range(h):
            rows.append(bytes([w - 1]) + a[y, :, c].tobytes() if (c + y) % 2 else bytes([257 - w, a[y, 0, c]]))
    put("psd", "rgb_rle.psd", header(3, h, w) + struct.pack(">H", 1) + b"".join(struct.pack(">H", len(r)) for r in rows) + b"".join(rows))
    a4 = np.dstack([rgb(3, 2), gray(3, 2)])
    put("psd", "rgba_raw.psd", header(4, 2, 3) + struct.pack(">H", 0) + b"".join(a4[:, :, c].tobytes() for c in range(4)))


def hdr():
    # StbReader reads 8 to 32767 columns; OpenCV writes run-length-encoded RGBE scanlines at these widths.
    for name, (h, w) in [("rle_9x3.hdr", (3, 9)), ("rle_8x2.hdr", (2, 8))]:
        ok, enc = cv2.imencode(".hdr", (rng.random((h, w, 3), dtype=np.float32) * 4).astype(np.float32))
        put("hdr", name, enc.tobytes())
    # Flat (uncompressed) RGBE scanlines, the other path of stb's reader.
    pixels = rng.integers(0, 256, size=(2, 8, 4), dtype=np.uint8)
    pixels[..., 3] = 128
    put("hdr", "flat_8x2.hdr", b"#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 2 +X 8\n" + pixels.tobytes())


def tiff():
    def tif(a, **kw):
        b = io.BytesIO()
        tifffile.imwrite(b, a, **kw)
        return b.getvalue()

    put("tiff", "u8.tif", tif(gray(5, 3)))
    put("tiff", "u16_be.tif", tif(gray(4, 3, np.uint16), byteorder=">"))
    # tifffile without imagecodecs has zlib only; Pillow (libtiff) writes PackBits and LZW.
    put("tiff", "u8_packbits.tif", pil(Image.fromarray(gray(8, 4) // 64 * 64), "TIFF", compression="packbits"))
    put("tiff", "u8_lzw.tif", pil(Image.fromarray(gray(9, 4)), "TIFF", compression="tiff_lzw"))
    put("tiff", "u16_deflate_pred.tif", tif(gray(6, 4, np.uint16), compression="zlib", predictor=True))
    put("tiff", "u8_deflate_tiles.tif", tif(gray(32, 32), compression="zlib", tile=(16, 16)))
    put("tiff", "u8_strips.tif", tif(gray(5, 7), rowsperstrip=2))
    put("tiff", "rgb.tif", tif(rgb(3, 2), photometric="rgb"))


def signature():
    # One file per magic FileSignature knows, cut to its first bytes: Identify only reads the start.
    for target in ["png", "npy", "gif", "jpeg", "bmp", "tga", "psd", "hdr", "tiff"]:
        d = os.path.join(OUT, target)
        name = sorted(os.listdir(d))[0]
        with open(os.path.join(d, name), "rb") as f:
            put("signature", target + "_" + name, f.read()[:160])
    put("signature", "dicom.dcm", b"\0" * 128 + b"DICM" + b"\x02\x00\x10\x00UI")
    put("signature", "dng.tif", b"II*\0\x08\0\0\0\x01\0\x12\xc6\x01\0\x04\0\0\0\x01\x04\0\0")
    put("signature", "webp.webp", b"RIFF\x1a\0\0\0WEBPVP8 ")
    put("signature", "jp2.jp2", b"\0\0\0\x0cjP  \r\n\x87\n\0\0\0\x14ftypjp2 ")
    put("signature", "heic.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic")
    put("signature", "pgm.pgm", b"P5\n2 2\n255\n\0\x01\x02\x03")


def _packbits(row):
    """PackBits as DICOM RLE (PS3.5 G.3.1): runs of 3+ equal bytes as repeats, the rest as literals."""
    out, i, n = bytearray(), 0, len(row)
    while i < n:
        j = i
        while j < n and j - i < 128 and row[j] == row[i]:
            j += 1
        if j - i >= 3:
            out += bytes([257 - (j - i), row[i]])
            i = j
            continue
        j = i
        while j < n and j - i < 128 and not (j + 2 < n and row[j] == row[j + 1] == row[j + 2]):
            j += 1
        out += bytes([j - i - 1]) + bytes(row[i:j])
        i = j
    return bytes(out)


def _rle_frame(a, samples):
    """A DICOM RLE frame of a (h, w[, samples]) uint8/uint16 array: segments MSB first per sample."""
    planes = []
    a = a.reshape(a.shape[0], a.shape[1], samples)
    for s in range(samples):
        p = a[..., s]
        if p.dtype == np.uint16:
            planes += [(p >> 8).astype(np.uint8), (p & 0xFF).astype(np.uint8)]
        else:
            planes.append(p)
    segs = []
    for p in planes:
        seg = b"".join(_packbits(r.tobytes()) for r in p)  # runs never cross rows (G.3.1)
        segs.append(seg + b"\0" * (len(seg) % 2))
    header = struct.pack("<I", len(segs))
    offset = 64
    for seg in segs:
        header += struct.pack("<I", offset)
        offset += len(seg)
    return header + b"\0" * (64 - len(header)) + b"".join(segs)


def dicom():
    # Small Part 10 files (pydicom + dcmtk) in the encodings the reader walks; each well under 4 KB.
    import subprocess
    import tempfile
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.sequence import Sequence

    global rng
    rng = np.random.default_rng(16)  # its own stream: the same seeds whether run alone or after the other targets
    def ds_of(a, stored, signed=False, photometric="MONOCHROME2", samples=1):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
        meta.MediaStorageSOPInstanceUID = "1.2.3.4"
        meta.TransferSyntaxUID = "1.2.840.10008.1.2.1"
        ds = Dataset()
        ds.file_meta = meta
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.Modality, ds.PatientName = "CT", "Seed^Fuzz"
        ds.Rows, ds.Columns = a.shape[:2]
        ds.SamplesPerPixel, ds.PhotometricInterpretation = samples, photometric
        if samples == 3:
            ds.PlanarConfiguration = 0
        ds.BitsAllocated = a.dtype.itemsize * 8
        ds.BitsStored, ds.HighBit, ds.PixelRepresentation = stored, stored - 1, int(signed)
        ds.RescaleSlope, ds.RescaleIntercept, ds.WindowCenter, ds.WindowWidth = 1, -1024, [40, 300], [400, 1500]
        it = Dataset()
        it.LUTDescriptor, it.LUTData = [4, 0, 16], struct.pack("<4H", 0, 100, 200, 300)
        it["LUTData"].VR = "OW"
        ds.VOILUTSequence = Sequence([it])
        ds.PixelData = a.tobytes()
        if a.dtype.itemsize == 2:
            ds["PixelData"].VR = "OW"
        return ds

    with tempfile.TemporaryDirectory() as tmp:
        def save(name, ds, convert=None):
            path = os.path.join(tmp, name)
            ds.save_as(path, write_like_original=False)
            if convert:
                subprocess.run(convert + [path, path + ".x"], check=True)
                path += ".x"
            put("dicom", name, open(path, "rb").read())

        save("u8_explicit.dcm", ds_of(gray(12, 10), 8))
        save("u12_implicit.dcm", ds_of(gray(10, 8, np.uint16) >> 4, 12), ["dcmconv", "+ti"])
        save("s16_rle.dcm", ds_of(gray(16, 12, np.uint16).astype(np.int16), 16, signed=True), ["dcmcrle"])
        save("rgb_deflated.dcm", ds_of(rgb(8, 6), 8, photometric="RGB", samples=3), ["dcmconv", "+td"])

    # dicom-rle: 4 bytes (width - 1, height - 1, flags: bit 0 colour, bit 1 16-bit, 0) then the frame
    g = gray(16, 12) // 32 * 32  # coarse, so repeats occur
    put("dicom-rle", "g8.rle", bytes([15, 11, 0, 0]) + _rle_frame(g, 1))
    put("dicom-rle", "g16.rle", bytes([9, 7, 2, 0]) + _rle_frame(gray(10, 8, np.uint16) >> 4, 1))
    put("dicom-rle", "rgb8.rle", bytes([7, 5, 1, 0]) + _rle_frame(rgb(8, 6) // 64 * 64, 3))


def dicom_jpegll():
    # JPEG lossless (SOF3) codestreams from the golden-data script's T.81 encoder (tools/fixtures), whose output
    # dcmdjpeg decodes: restart intervals, the SSSS=16 case, a non-interleaved RGB frame with APP/COM segments, P=2.
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
    from dicom_jpeg_lossless import own_encode
    r = np.random.default_rng(16)  # own generator: these seeds do not depend on which other targets ran first
    g16 = r.integers(0, 65536, (9, 12)).astype(np.uint16)
    g16[::2, ::3] = 65535
    g16[1::2, 1::3] = 0
    put("dicom-jpegll", "g16_sv1_rst3.jpg", own_encode(g16, 16, 1, restart_rows=3))
    put("dicom-jpegll", "g12_sv7.jpg", own_encode(r.integers(0, 4096, (7, 10)), 12, 7))
    put("dicom-jpegll", "rgb8_sv4_noninterleaved.jpg", own_encode(r.integers(0, 256, (5, 6, 3)), 8, 4, interleaved=False, extras=True))
    put("dicom-jpegll", "g2_sv5_pt1.jpg", own_encode(r.integers(0, 4, (4, 9)), 2, 5, pt=1))


def dicom_jpegdct():
    # Codestreams from the committed golden set (tools/fixtures/dicom_jpegdct.py, made by dcmcjpeg/jpegtran): 8-bit baseline,
    # 12-bit extended, restart intervals, colour 4:2:2 -- all under 1 KB, so afl mutates the marker and Huffman paths.
    ref = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                       "tests", "FastXray.Imaging.Tests", "Reference", "dicom-jpegdct")
    for name in ("gray8_17x13_q90_baseline", "gray12_17x13_q90", "rgb8_17x13_422"):
        with open(os.path.join(ref, name + ".jpg"), "rb") as f:
            put("dicom-jpegdct", name + ".jpg", f.read())
    local = np.random.default_rng(16)  # own generator: the seed does not depend on which targets ran before
    ok, enc = cv2.imencode(".jpg", local.integers(0, 256, size=(16, 24), dtype=np.uint8), [cv2.IMWRITE_JPEG_RST_INTERVAL, 1, cv2.IMWRITE_JPEG_QUALITY, 70])
    assert ok
    put("dicom-jpegdct", "restart.jpg", enc.tobytes())


def dicom_jpegls():
    """JPEG-LS frame codestreams from dcmtk's dcmcjpls (via tools/fixtures/dicom_jpegls.py's helpers)."""
    import tempfile
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
    import dicom_jpegls as jls
    r = np.random.default_rng(16)  # own generator: running this target alone gives the same files
    flat = np.full((12, 16), 90, dtype=np.uint8)
    flat[4:8, 3:11] = r.integers(0, 256, size=(4, 8))  # runs, interruptions and regular samples
    noise16 = r.integers(0, 65536, size=(6, 9), dtype=np.uint16)
    noise16[:2] = 1234
    colour = r.integers(0, 256, size=(5, 7, 3), dtype=np.uint8)
    colour[3:] = (7, 70, 200)
    with tempfile.TemporaryDirectory() as tmp:
        put("dicom-jpegls", "g8_runs.jls", jls.compress(tmp, "a", flat, 8, [])[1])
        put("dicom-jpegls", "g16_near2_lse.jls", jls.compress(tmp, "b", noise16, 16, ["+en", "+md", "2", "+rs", "9"])[1])
        put("dicom-jpegls", "rgb8_ilv2.jls", jls.compress(tmp, "c", colour, 8, ["+is"])[1])
        put("dicom-jpegls", "g8_restart4.jls", jls.with_restarts(tmp, "d", flat, 8, [], 4))


def main():
    png(); gif(); npy(); jpeg(); jpeg_file(); bmp(); tga(); psd(); hdr(); tiff(); signature(); dicom(); dicom_jpegll(); dicom_jpegdct(); dicom_jpegls()
    total = 0
    for t in sorted(os.listdir(OUT)):
        files = os.listdir(os.path.join(OUT, t))
        size = sum(os.path.getsize(os.path.join(OUT, t, f)) for f in files)
        total += size
        print(f"{t:10s} {len(files):3d} files {size:6d} bytes")
    print(f"total {total} bytes", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) > 1:  # e.g. `make_seeds.py dicom`: only those targets' seeds
        for name in sys.argv[1:]:
            globals()[name]()
    else:
        main()
