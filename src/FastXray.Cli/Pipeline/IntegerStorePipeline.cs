using System.Runtime.InteropServices;
using FastXray.Cli.Ops;
using FastXray.Imaging.Npy;
using FastXray.ScipyCast;

namespace FastXray.Cli.Pipeline;

/// <summary>
/// <c>--output-dtype input</c>: decode, run the chain in the input's integer dtype as scipy.ndimage does without
/// <c>output=</c> (every op, and every 1-D pass of a separable filter, stored by the C cast), encode the integers as
/// they are. A float input (or DICOM modality values) keeps the float32 path: its dtype is float32.
/// </summary>
/// <remarks>
/// Buffers: the decoded float32 image (the decoder's), two images of the dtype (ping-pong), for ops that run on float
/// copies (rank filters, masks, morphology) two float32 images, and one float32 image of the result for the encoders
/// (<see cref="Memory.Planner"/> plans exactly these through <see cref="PlanIntegerStore"/>).
/// </remarks>
internal static class IntegerStorePipeline
{
    /// <summary>Processes one file held in memory; see <see cref="ImagePipeline.Process"/>.</summary>
    public static byte[] Process(byte[] input, OpChain chain, OutputOptions output, int threads = 1)
    {
        using DecodedImage decoded = ImageFile.Decode(input, output.Dicom);
        if (decoded.BitDepth is not (8 or 16) || decoded.Dicom is not null)
        {
            // float32 data: "the input dtype" is the float32 path itself.
            Image<float> result = chain.Ops.Count == 0 && decoded.Dicom is { } rendering
                ? DicomOutput.Render(decoded.Pixels, rendering, output)
                : chain.Run(decoded.Pixels, OpContext.ForSource(decoded.BitDepth) with { Dicom = decoded.Dicom }, threads);
            try
            {
                return ImagePipeline.Encode(result, FloatOutput(output));
            }
            finally
            {
                if (!ReferenceEquals(result, decoded.Pixels))
                {
                    ImageBuffers.Return(result);
                }
            }
        }

        return decoded.BitDepth == 8 ? Run<byte>(decoded.Pixels, chain, output, threads) : Run<ushort>(decoded.Pixels, chain, output, threads);
    }

    // A float input written through the float path: --output-dtype input is float32 there.
    private static OutputOptions FloatOutput(OutputOptions output) => output with { KeepInputDType = false };

    private static byte[] Run<T>(Image<float> pixels, OpChain chain, OutputOptions output, int threads)
        where T : unmanaged
    {
        int w = pixels.Width;
        int h = pixels.Height;
        int n = checked(w * h);
        int bits = typeof(T) == typeof(byte) ? 8 : 16;
        T[] a = GC.AllocateUninitializedArray<T>(Math.Max(n, 1));
        T[] b = chain.Ops.Count > 0 ? GC.AllocateUninitializedArray<T>(Math.Max(n, 1)) : a;
        Store(pixels.AsReadOnlySpan(), a.AsSpan(0, n), w);
        T[] current = a;
        T[] next = b;
        foreach (BoundOp op in chain.Ops)
        {
            FastXray.Threading.KernelCancellation.ThrowIfRequested();
            var source = new ReadOnlyImageSpan<T>(current.AsSpan(0, n), w, h);
            var destination = new ImageSpan<T>(next.AsSpan(0, n), w, h);
            IntegerStoreKind kind = IntegerStoreOps.Classify(op, out _) ?? throw new InvalidOperationException(op.Op.Name);
            if (kind == IntegerStoreKind.Stored)
            {
                IntegerStoreOps.RunStored(op, source, destination);
            }
            else
            {
                BoundOp run = kind == IntegerStoreKind.Rank ? IntegerStoreOps.RankWithCval(op, bits, OpRegistry.Default) : op;
                OnFloatCopy(run, source, destination, bits, threads);
            }

            (current, next) = (next, current);
        }

        return Encode(current.AsSpan(0, n), w, h, output);
    }

    // Ops whose results are window samples, cval or 0/1: run the float op on an exact float32 copy of the samples and
    // store its result by the C cast (an out-of-range cval taken by min/max then wraps as in scipy).
    private static void OnFloatCopy<T>(BoundOp op, ReadOnlyImageSpan<T> source, ImageSpan<T> destination, int bits, int threads)
        where T : unmanaged
    {
        Image<float> floats = ImageBuffers.Rent(source.Width, source.Height);
        Image<float> result = ImageBuffers.Rent(source.Width, source.Height);
        try
        {
            for (int y = 0; y < source.Height; y++)
            {
                PixelConvert.ToSingle(source.Row(y), floats.Row(y));
            }

            op.Apply(floats.AsReadOnlySpan(), result.AsSpan(), new OpContext(bits, IntegerSamples: true), threads);
            Store(result.AsReadOnlySpan(), destination.Data, source.Width);
        }
        finally
        {
            ImageBuffers.Return(floats);
            ImageBuffers.Return(result);
        }
    }

    // float32 → dtype by the C cast (exact for the integer samples the decoder and the integer ops produce).
    private static void Store<T>(ReadOnlyImageSpan<float> source, Span<T> destination, int width)
        where T : unmanaged
    {
        for (int y = 0; y < source.Height; y++)
        {
            ReadOnlySpan<float> row = source.Row(y);
            Span<T> d = destination.Slice(y * width, width);
            if (typeof(T) == typeof(byte))
            {
                Span<byte> o = MemoryMarshal.Cast<T, byte>(d);
                for (int x = 0; x < row.Length; x++)
                {
                    o[x] = CCast.ToUInt8(row[x]);
                }
            }
            else
            {
                Span<ushort> o = MemoryMarshal.Cast<T, ushort>(d);
                for (int x = 0; x < row.Length; x++)
                {
                    o[x] = CCast.ToUInt16(row[x]);
                }
            }
        }
    }

    /// <summary>
    /// Writes the samples: .npy as a uint8/uint16 array; PNG and TIFF at the dtype's depth with no scaling; JPEG, BMP
    /// and TGA (8-bit formats) for uint8 only; a colormap over the values' own min..max as for float results.
    /// </summary>
    private static byte[] Encode<T>(ReadOnlySpan<T> samples, int w, int h, OutputOptions output)
        where T : unmanaged
    {
        int bits = typeof(T) == typeof(byte) ? 8 : 16;
        if (output.Format == ImageFormat.Npy)
        {
            using var stream = new MemoryStream((samples.Length * (bits / 8)) + 128);
            NpyFile.WriteHeader(stream, bits == 8 ? NpyDType.UInt8 : NpyDType.UInt16, [h, w]);
            stream.Write(MemoryMarshal.AsBytes(samples));
            return stream.ToArray();
        }

        if (bits == 16 && output.Colormap is null && output.Format is not (ImageFormat.Png or ImageFormat.Tiff))
        {
            throw new UsageException($"--output-dtype input: a uint16 result needs .png, .tif or .npy ({output.Format.ToString().ToUpperInvariant()} holds 8 bits per sample)");
        }

        Image<float> image = ImageBuffers.Rent(w, h);
        try
        {
            for (int y = 0; y < h; y++)
            {
                PixelConvert.ToSingle(samples.Slice(y * w, w), image.Row(y));
            }

            return ImagePipeline.Encode(image, output with { Scale = ScaleMode.None, Depth = bits, KeepInputDType = false });
        }
        finally
        {
            ImageBuffers.Return(image);
        }
    }

    /// <summary>The memory of this path for <see cref="Memory.Planner.Filter"/>: see the remarks above.</summary>
    public static void PlanIntegerStore(Memory.MemoryPlan plan, Memory.ImageHeader header, OpChain chain, OutputOptions output, int threads)
    {
        long n = header.Pixels;
        int bytes = header.BitDepth == 16 ? 2 : 1;
        long floatImage = Memory.Planner.FloatImage(header.Width, header.Height);
        plan.Add($"uint{header.BitDepth} images (ping-pong)", (chain.Ops.Count > 0 ? 2 : 1) * Memory.OpMemory.Exact(n, bytes));
        long stored = 0;
        bool floatCopies = false;
        var context = new OpContext(header.BitDepth, IntegerSamples: true);
        long floatOpScratch = 0;
        foreach (BoundOp op in chain.Ops)
        {
            if (IntegerStoreOps.Classify(op, out _) == IntegerStoreKind.Stored)
            {
                stored = Math.Max(stored, StoredScratch(op, header.Width, header.Height, bytes));
            }
            else
            {
                floatCopies = true;
                floatOpScratch = Math.Max(floatOpScratch, Memory.OpMemory.Rents(op, header.Width, header.Height, true, context.SourceBitDepth).Sum());
            }
        }

        plan.Add("float64 pass scratch (pooled)", stored);
        if (floatCopies)
        {
            plan.Add("float32 copies for rank/mask/morphology ops", 2 * floatImage);
            plan.Add("op working memory (pooled)", floatOpScratch);
        }

        if (output.Format == ImageFormat.Npy)
        {
            plan.Add("NPY output and copy", 2 * ((n * bytes) + 128));
            return;
        }

        plan.Add("float32 result for the encoder", floatImage);
        Memory.Planner.Encode(plan, header.Width, header.Height, output with { Depth = header.BitDepth, Scale = ScaleMode.None });
    }

    // What StoredFilters rents for one op: a float64 copy of the image plus a cval row (the n-D correlate: rows
    // extended by the kernel width), a second array of the dtype for the two-term filters, and row buffers.
    private static long StoredScratch(BoundOp op, int w, int h, int bytes)
    {
        long rows = h + 1L;
        long doubles = op.Op.Name is "correlate" or "convolve"
            ? rows * (w + op.Args.Matrix("weights").Columns - 1)
            : rows * w;
        long term = op.Op.Name is "gaussian_laplace" or "gaussian_gradient_magnitude" or "laplace" ? Memory.OpMemory.Exact((long)w * h, bytes) : 0;
        return Memory.OpMemory.Exact(doubles, 8) + term + Memory.OpMemory.Small;
    }
}
