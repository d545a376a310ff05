using FastXray.Cli.Ops;
using FastXray.Cli.Pipeline;
using FastXray.Threading;

namespace FastXray.Cli.Memory;

/// <summary>
/// Peak-memory plans of the commands, from an input's header (<see cref="ImageHeader"/>) and the command's
/// options, following the buffers the code paths allocate (each part names its source).
/// </summary>
internal static class Planner
{
    /// <summary><c>filter</c> and one <c>batch</c> input: read, decode to float32, run the chain, encode.</summary>
    public static MemoryPlan Filter(ImageHeader header, OpChain chain, OutputOptions output, int threads)
    {
        string ops = chain.Ops.Count == 0 ? "conversion" : string.Join(" ", chain.Ops.Select(o => o.Op.Name));
        var plan = new MemoryPlan($"{header.Size} {ops}");
        Decode(plan, header);
        if (output.KeepInputDType && header.BitDepth is 8 or 16 && header.Format != "DICOM")
        {
            IntegerStorePipeline.PlanIntegerStore(plan, header, chain, output, threads);
            return plan;
        }

        Chain(plan, header, chain, threads);
        if (chain.Ops.Count == 0 && header.Format == "DICOM" && output.Format != ImageFormat.Npy)
        {
            // DicomOutput.Render: the viewer rendering (or the 16-bit offset copy) is a second float32 image.
            plan.Add("DICOM rendering (float32 image)", FloatImage(header.Width, header.Height));
        }

        Encode(plan, header.Width, header.Height, output);
        return plan;
    }

    /// <summary>ImageFile.Decode: the file, the decoder's samples (and grey copy), the float32 source image.</summary>
    public static void Decode(MemoryPlan plan, ImageHeader header)
    {
        long n = header.Pixels;
        plan.Add("input file", header.FileBytes);
        if (header.IsNpy)
        {
            plan.Add("NPY data copy", n * header.DecodedBytesPerPixel);
            if (header.NpyDType is not (Imaging.Npy.NpyDType.UInt8 or Imaging.Npy.NpyDType.UInt16 or Imaging.Npy.NpyDType.Float32))
            {
                // NpyArray.ToSingleArray goes through double.
                plan.Add("NPY conversion via float64", n * 12);
            }
        }
        else if (header.IsPng)
        {
            plan.Add("PNG samples", n * header.DecodedBytesPerPixel);
            plan.Add("grey copy", n * header.GreyCopyBytesPerPixel);
            plan.Add("inflate state", OpMemory.Small);
        }
        else
        {
            plan.Add($"{header.Format} decoder and grey samples", header.DecoderBytes);
        }

        plan.Add("float32 source image", FloatImage(header.Width, header.Height));
    }

    /// <summary>OpChain.Run: one scratch image per op up to two (ping-pong), and each op's rented working memory.</summary>
    public static void Chain(MemoryPlan plan, ImageHeader header, OpChain chain, int threads)
    {
        if (chain.Ops.Count == 0)
        {
            return;
        }

        long image = FloatImage(header.Width, header.Height);
        plan.Add("float32 result image", image);
        if (chain.Ops.Count > 1)
        {
            plan.Add("float32 second scratch image", image);
        }

        // The pool keeps what an op gives back: per array size, the most any one op holds at once is what the
        // chain needs of that size.
        var most = new Dictionary<long, int>();
        var context = OpContext.ForSource(header.BitDepth);
        foreach (BoundOp op in chain.Ops)
        {
            var counts = new Dictionary<long, int>();
            foreach (long size in BandRents(op, header.Width, header.Height, context, threads))
            {
                counts[size] = counts.GetValueOrDefault(size) + 1;
            }

            foreach ((long size, int count) in counts)
            {
                most[size] = Math.Max(most.GetValueOrDefault(size), count);
            }

            context = context with { IntegerSamples = context.IntegerSamples && op.KeepsIntegers };
        }

        plan.Add("op working memory (pooled)", most.Sum(kv => kv.Key * kv.Value));
        plan.Add("op tables and rows", OpMemory.Small * chain.Ops.Count);
    }

    /// <summary>
    /// Every array one op rents: with row bands (RowBands.Filter), each band runs the kernel on its rows plus the
    /// halo into a scratch band (HaloKernel), all bands at once.
    /// </summary>
    private static IEnumerable<long> BandRents(BoundOp op, int width, int height, OpContext context, int threads)
    {
        int bands = RowBands.BandCount(width, height, threads, op.Reach);
        if (bands <= 1)
        {
            return OpMemory.Rents(op, width, height, context.IntegerSamples, context.SourceBitDepth);
        }

        var all = new List<long>();
        for (int b = 0; b < bands; b++)
        {
            (int start, int end) = RowBands.Band(b, bands, height);
            int rows = Math.Min(height, end + op.Reach) - Math.Max(0, start - op.Reach);
            all.Add(OpMemory.Exact((long)rows * width, 4));
            all.AddRange(OpMemory.Rents(op, width, rows, context.IntegerSamples, context.SourceBitDepth));
        }

        return all;
    }

    /// <summary>ImagePipeline.Encode: the samples to write, the encoder's growing output and its final copy.</summary>
    public static void Encode(MemoryPlan plan, int width, int height, OutputOptions output)
    {
        long n = (long)width * height;
        if (output.Format == ImageFormat.Npy)
        {
            plan.Add("NPY float32 copy", n * 4);
            plan.Add("NPY output", (n * 4) + 128);
            plan.Add("NPY output copy", (n * 4) + 128);
            return;
        }

        if (output.Colormap is not null)
        {
            // Indices, the grey levels or an RGB rendering (a result with NaN), and the RGB PNG encoded twice over.
            long rgb = PngBound(width, height, 3);
            plan.Add("colormap indices and grey", n * 2);
            plan.Add("RGB rendering (NaN)", n * 3);
            plan.Add("PNG output streams", 3 * rgb);
            plan.Add("PNG output copies", 2 * rgb);
            plan.Add("deflate state", OpMemory.Small);
            return;
        }

        if (output.Format != ImageFormat.Png)
        {
            // A growing MemoryStream (capacity up to twice the file) and its final copy; the encoders' own state
            // is per block or per strip.
            long file = output.Format switch
            {
                ImageFormat.Bmp => (3 * n) + (4L * height) + 54,
                ImageFormat.Tga => (output.Colormap is null ? n : 3 * n) + 18,
                ImageFormat.Jpeg => (output.Colormap is null ? 2 * n : 3 * n) + 65536,
                _ => PngBound(width, height, output.Depth == 16 ? 2 : 1),
            };
            plan.Add(output.Colormap is null ? "scaled samples" : "RGB rendering", output.Colormap is null ? n * (output.Depth == 16 ? 2 : 1) : 4 * n);
            plan.Add($"{output.Format.ToString().ToUpperInvariant()} output stream", 2 * file);
            plan.Add($"{output.Format.ToString().ToUpperInvariant()} output copy", file);
            if (output.Format == ImageFormat.Tiff)
            {
                // TiffEncoder deflates every strip into one pooled buffer (starting at half the samples, doubling)
                // before it writes the file; zlib's deflate state is native.
                plan.Add("TIFF compressed strips (pooled)", 2 * file);
                plan.Add("deflate state", OpMemory.Small);
            }

            plan.Add("encoder state", OpMemory.Small);
            return;
        }

        int bytes = output.Depth == 16 ? 2 : 1;
        long bound = PngBound(width, height, bytes);
        plan.Add("scaled samples", n * bytes);
        plan.Add("PNG output", bound);
        plan.Add("PNG output copy", bound);
        plan.Add("deflate state", OpMemory.Small);
    }

    /// <summary>GrayInput.Load: the file, the decoder's samples, the grey copy (NPY: its data and typed copy).</summary>
    public static void LoadGray(MemoryPlan plan, ImageHeader header)
    {
        long n = header.Pixels;
        plan.Add("input file", header.FileBytes);
        if (header.IsNpy)
        {
            plan.Add("NPY data copy", n * header.DecodedBytesPerPixel);
            bool typed = header.NpyDType is Imaging.Npy.NpyDType.UInt8 or Imaging.Npy.NpyDType.UInt16;
            plan.Add(typed ? "typed copy" : "float32 via float64", typed ? n * header.DecodedBytesPerPixel : n * 12);
        }
        else if (header.IsPng)
        {
            plan.Add("PNG samples", n * header.DecodedBytesPerPixel);
            plan.Add("grey copy", n * header.GreyCopyBytesPerPixel);
            plan.Add("inflate state", OpMemory.Small);
        }
        else
        {
            plan.Add($"{header.Format} decoder and grey samples", header.DecoderBytes);
        }
    }

    /// <summary>A float32 Image: rows padded to 64 bytes.</summary>
    public static long FloatImage(int width, int height) => ((width + 15L) & ~15L) * height * 4;

    /// <summary>PNG bytes at most: filtered rows (a filter byte each) through deflate's worst case (stored blocks), IDAT framing.</summary>
    public static long PngBound(int width, int height, int bytesPerPixel)
    {
        long raw = height * (1 + ((long)width * bytesPerPixel));
        return raw + (raw >> 10) + 4096;
    }
}
