using FastXray.Cli.Ops;

namespace FastXray.Cli.Memory;

/// <summary>Plans of the commands other than <c>filter</c>/<c>batch</c> (see <see cref="Planner"/>).</summary>
internal static class CommandPlans
{
    /// <summary>Panels the tutorial computes (TutorialPanels) and the PNG files it encodes from them (TutorialRunner).</summary>
    private const int PanelCount = 6;
    private const int PngFiles = 11;

    /// <summary>
    /// <c>tutorial</c> on one image (and <c>demo</c>): the loaded input, its float32 copy, six float32 panels with
    /// the scratch of those computed at once, every panel's colormap indices, the encoders' grey copies and every
    /// compressed file held until all are encoded (none is written before), and with <paramref name="npy"/> each
    /// panel's raw array and its NPY bytes.
    /// </summary>
    public static MemoryPlan Tutorial(ImageHeader header, bool npy, bool exact, int threads, bool synthetic = false)
    {
        long n = header.Pixels;
        var plan = new MemoryPlan($"{header.Size} tutorial");
        if (synthetic)
        {
            plan.Add("phantom", n);
            plan.Add("phantom PNG", Planner.PngBound(header.Width, header.Height, 1) * 2);
        }
        else
        {
            Planner.LoadGray(plan, header);
        }

        long panel = (long)header.Width * header.Height * 4;
        int parallel = Math.Clamp(threads, 1, PanelCount);
        plan.Add("float32 original", panel);
        // Six panels and Canny's smoothed intermediate, from PixelPool; without --npy a finished panel gives its
        // buffer back, but what the pool does not keep is garbage the GC may not have taken yet: all are counted.
        plan.Add("float32 panels", (PanelCount + 1) * panel);
        // The two Gaussian panels read a padded copy of the source when its stride aliases (SeparableFilter).
        plan.Add("Gaussian panel copies (pooled)", Math.Min(parallel, 2) * OpMemory.Exact((long)OpMemory.PaddedStride(header.Width) * header.Height, 4));
        plan.Add("mask bytes", n);
        if (exact)
        {
            // The uint8/float16/float64/int64 reproductions (TutorialPanels.Exact, TutorialCanny64): byte panels,
            // Sobel's two directions, float16 hypot, float64 Canny with its float64 intermediates, the int64 mask,
            // and each panel's float32 view.
            plan.Add("exact-mode arrays", 96 * n);
        }

        plan.Add("colormap indices", (PanelCount + 1) * n);
        plan.Add("encoder grey copies", Math.Min(threads, PngFiles) * n);
        plan.Add("compressed files", PngFiles * Planner.PngBound(header.Width, header.Height, 1));
        if (npy)
        {
            // Written one at a time from the panel (EncodedOutput.Deferred): the raw copy of each, left to the GC.
            plan.Add("NPY copies", PanelCount * ((n * 4) + 128));
        }

        plan.Add("figures, histogram, tables", 16 * OpMemory.Small);
        return plan;
    }

    /// <summary><c>stats</c> and <c>hist</c>: the loaded input and, for float data, the sorted copy of the median.</summary>
    public static MemoryPlan Statistics(ImageHeader header, string what)
    {
        var plan = new MemoryPlan($"{header.Size} {what}");
        Planner.LoadGray(plan, header);
        plan.Add("median/histogram scratch", header.BitDepth == 0 ? OpMemory.Exact(header.Pixels, 4) : OpMemory.Exact(65536, 8));
        plan.Add("plot", 4 * OpMemory.Small);
        return plan;
    }

    /// <summary><c>montage</c>: each image is loaded, copied to float32 and rendered to RGB; every rendering is kept for the figure.</summary>
    public static MemoryPlan Montage(IReadOnlyList<ImageHeader> images)
    {
        var plan = new MemoryPlan(images.Count == 0 ? "montage" : $"{images.Count} images of {images[0].Size} montage");
        foreach (ImageHeader h in images)
        {
            Planner.LoadGray(plan, h);
            plan.Add("float32 copy", h.Pixels * 4);
            plan.Add("RGB rendering", h.Pixels * 3);
        }

        plan.Add("tiles and figure", 16 * OpMemory.Small);
        return plan;
    }

    /// <summary><c>stack</c>: every frame is held as loaded until the GIF is made (16-bit or float frames also as float32 and scaled bytes).</summary>
    public static MemoryPlan Stack(IReadOnlyList<ImageHeader> frames)
    {
        var plan = new MemoryPlan(frames.Count == 0 ? "stack" : $"{frames.Count} frames of {frames[0].Size} stack");
        long largest = 0;
        bool scaled = frames.Any(f => f.BitDepth != 8);
        foreach (ImageHeader f in frames)
        {
            Planner.LoadGray(plan, f);
            if (scaled)
            {
                plan.Add("float32 copy and scaled bytes", f.Pixels * 5);
            }

            largest = Math.Max(largest, f.Pixels);
        }

        plan.Add("LZW tables and frame output", largest * 4);
        plan.Add("GIF output and copy", frames.Sum(f => f.Pixels) * 3);
        return plan;
    }

    /// <summary>
    /// <c>tutorial</c> with several inputs: the frame each finished image leaves for progression.gif/png, held until
    /// the end (a DICOM input as its displayed 8 bits), then what <see cref="Stack"/> needs to encode them and the
    /// montage, which renders one frame at a time straight into its tile.
    /// </summary>
    public static MemoryPlan Progression(IReadOnlyList<ImageHeader> frames)
    {
        var plan = new MemoryPlan($"progression of {frames.Count} frames");
        bool scaled = false;
        long largest = 0;
        long total = 0;
        long held = 0;
        foreach (ImageHeader f in frames)
        {
            int depth = f.Format == "DICOM" ? 8 : f.BitDepth;
            scaled |= depth != 8;
            held += f.Pixels * (depth == 8 ? 1 : depth == 16 ? 2 : 4);
            largest = Math.Max(largest, f.Pixels);
            total += f.Pixels;
        }

        plan.Add("frames held", held);
        if (scaled)
        {
            plan.Add("float32 copies and scaled bytes", total * 5);
        }

        plan.Add("LZW tables and frame output", largest * 4);
        plan.Add("GIF output and copy", total * 3);
        plan.Add("montage: one frame as float32 and colormap indices", largest * 5);
        plan.Add("montage figure and PNG", Math.Min(frames.Count, 9) * 3L * 280 * 300 * ((frames.Count + 8) / 9) * 2);
        return plan;
    }

    /// <summary><c>bench</c>: the image, its PNG, and for every timed op its own float32 source and destination (all prepared first).</summary>
    public static MemoryPlan Bench(ImageHeader header, IReadOnlyList<string> specs, int threads, bool synthetic)
    {
        long n = header.Pixels;
        var plan = new MemoryPlan($"{header.Size} bench");
        if (synthetic)
        {
            plan.Add("phantom", n);
            plan.Add("phantom PNG", 2 * Planner.PngBound(header.Width, header.Height, 1));
        }
        else
        {
            plan.Add("input file (read twice)", header.FileBytes);
            Planner.LoadGray(plan, header);
        }

        var context = OpContext.ForSource(header.BitDepth);
        var most = new Dictionary<long, int>();
        foreach (string spec in specs)
        {
            if (spec is "stats" or "histogram")
            {
                plan.Add(spec + " scratch", header.BitDepth == 0 ? OpMemory.Exact(n, 4) : OpMemory.Exact(65536, 8));
                continue;
            }

            if (spec == "decode")
            {
                // Each run: the format's decoder bound (DICOM: stored values, modality values, table), its result left for the GC.
                plan.Add("decode buffers", 2 * Math.Max(header.DecoderBytes, 4 * n));
                continue;
            }

            if (spec is "png_decode" or "png_encode")
            {
                // Each decode run leaves its samples for the GC; the encoder writes into a sink twice the PNG's size.
                plan.Add(spec + " buffers", spec == "png_decode" ? 4 * n : 2 * Planner.PngBound(header.Width, header.Height, 2));
                continue;
            }

            if (Array.IndexOf(Commands.BenchCodecs.Names, spec) >= 0)
            {
                // BenchCodecs: 8-bit grey samples, a sink of 3n + 64 KiB, the encoded file, and per decode run the
                // decoder's allocations (an RGB-sized decode at most: stb's native buffer and its managed copy).
                plan.Add(spec + " buffers", n + (3 * n) + 65536 + (2 * n) + (spec.EndsWith("_decode", StringComparison.Ordinal) ? 8 * n : 0));
                continue;
            }

            plan.Add(spec + " source and destination", 2 * n * 4);
            BoundOp op = OpChain.Parse([spec], OpRegistry.Default).Ops[0];
            var counts = new Dictionary<long, int>();
            foreach (long size in BandRentsOf(op, header, context, threads))
            {
                counts[size] = counts.GetValueOrDefault(size) + 1;
            }

            foreach ((long size, int count) in counts)
            {
                most[size] = Math.Max(most.GetValueOrDefault(size), count);
            }
        }

        plan.Add("op working memory (pooled)", most.Sum(kv => kv.Key * kv.Value));
        plan.Add("op tables", OpMemory.Small * specs.Count);
        return plan;
    }

    private static IEnumerable<long> BandRentsOf(BoundOp op, ImageHeader header, OpContext context, int threads)
    {
        // One op as a chain of one, without the chain's own images (bench allocates its own two).
        var plan = new MemoryPlan("");
        var single = new OpChain([op]);
        Planner.Chain(plan, header, single, threads);
        long pooled = plan.Parts.FirstOrDefault(p => p.Name.StartsWith("op working", StringComparison.Ordinal)).Bytes;
        return pooled > 0 ? [pooled] : [];
    }
}
