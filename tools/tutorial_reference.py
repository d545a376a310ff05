#!/usr/bin/python3
"""The NumPy X-ray tutorial's own processing, as a script: the reference that `fastxray tutorial` is
compared with (whole-process timing in tools/compare-peers and tools/batch-bench, and the source of the
--exact golden arrays' semantics).

Usage: tutorial_reference.py OUTDIR IMAGE [IMAGE ...] [--no-figure]
For each IMAGE it computes the tutorial's panels with scipy/NumPy (uint8 semantics, exactly the tutorial's
statements) and writes them as PNGs with the tutorial's colormaps (matplotlib.pyplot.imsave), plus the
9-panel comparison figure unless --no-figure.
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402
from scipy import ndimage  # noqa: E402


def process(path, outdir, figure):
    xray_image = np.asarray(Image.open(path))
    stem = os.path.splitext(os.path.basename(path))[0]
    xray_image_laplace_gaussian = ndimage.gaussian_laplace(xray_image, sigma=1)
    x_ray_image_gaussian_gradient = ndimage.gaussian_gradient_magnitude(xray_image, sigma=2)
    x_sobel = ndimage.sobel(xray_image, axis=0)
    y_sobel = ndimage.sobel(xray_image, axis=1)
    xray_image_sobel = np.hypot(x_sobel, y_sobel)
    xray_image_sobel *= 255.0 / np.max(xray_image_sobel)
    xray_image_sobel = xray_image_sobel.astype("float32")
    fourier_gaussian = ndimage.fourier_gaussian(xray_image, sigma=0.05)
    x_prewitt = ndimage.prewitt(fourier_gaussian, axis=0)
    y_prewitt = ndimage.prewitt(fourier_gaussian, axis=1)
    xray_image_canny = np.hypot(x_prewitt, y_prewitt)
    xray_image_canny *= 255.0 / np.max(xray_image_canny)
    xray_image_mask_noisy = np.where(xray_image > 150, xray_image, 0)
    xray_image_mask_less_noisy = np.where(xray_image > 150, 1, 0)
    panels = [
        ("laplace_gaussian", xray_image_laplace_gaussian, "gray"),
        ("gaussian_gradient", x_ray_image_gaussian_gradient, "gray"),
        ("sobel", xray_image_sobel, "gray"),
        ("canny", xray_image_canny, "prism"),
        ("mask_noisy", xray_image_mask_noisy, "gray"),
        ("mask_less_noisy", xray_image_mask_less_noisy, "gray"),
    ]
    d = os.path.join(outdir, stem)
    os.makedirs(d, exist_ok=True)
    for name, arr, cmap in panels:
        plt.imsave(os.path.join(d, name + ".png"), arr, cmap=cmap)
    if figure:
        fig, axes = plt.subplots(nrows=1, ncols=9, figsize=(30, 30))
        shown = [("Original", xray_image, "gray"), ("Laplace-Gaussian (edges)", xray_image_laplace_gaussian, "gray"),
                 ("Gaussian gradient (edges)", x_ray_image_gaussian_gradient, "gray"),
                 ("Sobel (edges) - grayscale", xray_image_sobel, "gray"), ("Sobel (edges) - hot", xray_image_sobel, "hot"),
                 ("Canny (edges) - prism", xray_image_canny, "prism"),
                 ("Canny (edges) - nipy_spectral", xray_image_canny, "nipy_spectral"),
                 ("Mask (> 150, noisy)", xray_image_mask_noisy, "gray"),
                 ("Mask (> 150, less noisy)", xray_image_mask_less_noisy, "gray")]
        for ax, (title, arr, cmap) in zip(axes, shown):
            ax.set_title(title)
            ax.imshow(arr, cmap=cmap)
            ax.axis("off")
        fig.savefig(os.path.join(d, "compare.png"))
        plt.close(fig)
    hist = ndimage.histogram(xray_image, min=np.min(xray_image), max=np.max(xray_image), bins=256)
    np.savetxt(os.path.join(d, "histogram.csv"), hist, fmt="%d")


def main(argv):
    figure = "--no-figure" not in argv
    args = [a for a in argv if a != "--no-figure"]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    outdir, images = args[0], args[1:]
    for path in images:
        process(path, outdir, figure)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
