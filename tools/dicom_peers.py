"""DICOM decode speed: fastxray against pydicom (in process) and dcmtk's decompressors (whole process), one
thread each, on a 2048x2500 16-bit radiograph (12 bits stored) in every transfer syntax we read.

Used by `tools/compare-peers --dicom`. Needs Debian's python3-pydicom, python3-opencv and dcmtk. The files are
made in a temporary folder from a tutorial radiograph: pydicom writes Explicit VR Little Endian, dcmtk converts
(dcmconv +ti/+tb/+td, dcmcrle, dcmcjpeg +eb/+ee/+e1, dcmcjpls). JPEG Baseline needs 8 bits, so that row is the
8-bit version of the same image. pydicom 2.3 without plugins cannot decode the JPEG Lossless, JPEG Extended and
JPEG-LS rows (its answer is recorded as such).
"""
import io
import os
import statistics
import subprocess
import tempfile
import time

import numpy as np

ROWS, COLS = 2500, 2048

# (row name, transfer syntax UID, how to make it from the explicit-LE 12-bit file (or the 8-bit one), dcmtk decompressor)
SYNTAXES = [
    ("Explicit VR LE", "1.2.840.10008.1.2.1", None, ["dcmconv", "+te"]),
    ("Implicit VR LE", "1.2.840.10008.1.2", ["dcmconv", "+ti"], ["dcmconv", "+te"]),
    ("Explicit VR BE", "1.2.840.10008.1.2.2", ["dcmconv", "+tb"], ["dcmconv", "+te"]),
    ("Deflated", "1.2.840.10008.1.2.1.99", ["dcmconv", "+td"], ["dcmconv", "+te"]),
    ("RLE Lossless", "1.2.840.10008.1.2.5", ["dcmcrle"], ["dcmdrle"]),
    ("JPEG Baseline (8-bit)", "1.2.840.10008.1.2.4.50", ["dcmcjpeg", "+eb"], ["dcmdjpeg"]),
    ("JPEG Extended 12-bit", "1.2.840.10008.1.2.4.51", ["dcmcjpeg", "+ee"], ["dcmdjpeg"]),
    ("JPEG Lossless SV1", "1.2.840.10008.1.2.4.70", ["dcmcjpeg", "+e1"], ["dcmdjpeg"]),
    ("JPEG-LS Lossless", "1.2.840.10008.1.2.4.80", ["dcmcjpls"], ["dcmdjpls"]),
]


def make_files(image_path, folder):
    import cv2
    import pydicom
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    grey = cv2.imread(image_path, cv2.IMREAD_GRAYSCALE)
    big = cv2.resize(grey, (COLS, ROWS), interpolation=cv2.INTER_CUBIC).astype(np.uint16)
    # 12 significant bits with detector-like noise in the low bits (deterministic).
    rng = np.random.default_rng(16)
    img12 = np.clip(big * 16 + rng.integers(0, 16, big.shape), 0, 4095).astype(np.uint16)

    def write(path, pixels, bits):
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.1.1"
        meta.MediaStorageSOPInstanceUID = generate_uid()
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = FileDataset(path, {}, file_meta=meta, preamble=b"\0" * 128)
        ds.SOPClassUID = meta.MediaStorageSOPClassUID
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.Modality = "DX"
        ds.Rows, ds.Columns = pixels.shape
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.BitsAllocated = 16 if bits > 8 else 8
        ds.BitsStored = bits
        ds.HighBit = bits - 1
        ds.PixelRepresentation = 0
        ds.WindowCenter = 2048 if bits > 8 else 128
        ds.WindowWidth = 4096 if bits > 8 else 256
        ds.PixelData = pixels.tobytes()
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.save_as(path, write_like_original=False)

    src12 = os.path.join(folder, "explicit12.dcm")
    src8 = os.path.join(folder, "explicit8.dcm")
    write(src12, img12, 12)
    write(src8, big.astype(np.uint8), 8)
    files = {}
    for name, uid, make, _ in SYNTAXES:
        src = src8 if "8-bit" in name else src12
        if make is None:
            files[name] = src
            continue
        out = os.path.join(folder, uid + ".dcm")
        subprocess.run([*make, src, out], check=True, capture_output=True)
        files[name] = out
    return files


def median_ms(fn, repeat):
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def pydicom_ms(path, repeat):
    import pydicom
    data = open(path, "rb").read()

    def decode():
        return pydicom.dcmread(io.BytesIO(data)).pixel_array

    try:
        decode()
    except Exception as e:  # noqa: BLE001 - the peer's own answer is the result
        return None, type(e).__name__
    return median_ms(decode, repeat), ""


def process_ms(cmd, runs=3):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def run(binary, image_path, repeat):
    import json
    folder = tempfile.mkdtemp(prefix="fastxray-dicom-")
    files = make_files(image_path, folder)
    print(f"\nDICOM decode, {COLS}x{ROWS} 16-bit (12 bits stored; JPEG Baseline row 8-bit), one thread, median ms "
          f"(in process: {repeat} runs; process: 3 runs)\n")
    print("| syntax | file KB | fastxray in process | pydicom 2.3 | vs pydicom | fastxray process (`info`) | dcmtk process | vs dcmtk |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    for name, uid, _, decompress in SYNTAXES:
        path = files[name]
        out = subprocess.run([binary, "bench", "--image", path, "--op", "decode", "--repeat", str(repeat), "--json"],
                             check=True, capture_output=True, text=True).stdout
        ours = json.loads(out)[0]["median_ms"]
        py, why = pydicom_ms(path, max(3, repeat // 4))
        ours_proc = process_ms([binary, "info", path])
        dcm_proc = process_ms([*decompress, path, os.path.join(folder, "out.dcm")])
        kb = os.path.getsize(path) / 1000
        py_text = f"{py:.1f}" if py is not None else f"cannot ({why})"
        vs_py = f"{py / ours:.1f}x" if py is not None else ""
        print(f"| {name} `{uid}` | {kb:.0f} | {ours:.1f} | {py_text} | {vs_py} | {ours_proc:.1f} | {dcm_proc:.1f} | {dcm_proc / ours_proc:.1f}x |")
        rows.append({"syntax": name, "uid": uid, "kb": kb, "fastxray_ms": ours, "pydicom_ms": py,
                     "fastxray_process_ms": ours_proc, "dcmtk_process_ms": dcm_proc})
    return rows
