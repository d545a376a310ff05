using System.Diagnostics;
using System.Globalization;
using FastXray.Cli.Arguments;
using FastXray.Cli.Ops;
using FastXray.Cli.Pipeline;
using FastXray.Cli.Tutorial;
using FastXray.Imaging.Png;
using FastXray.Intensity;
using FastXray.Synthetic;
using FastXray.Threading;

namespace FastXray.Cli.Commands;

/// <summary>
/// <c>fastxray bench</c>: times ops in-process after warm-up on one image (one thread unless <c>--threads</c>) and prints the median
/// per op. The edge-device benchmark: it needs nothing but the binary. Besides every filter op it times the
/// non-filter steps of the tutorial: <c>stats</c>, <c>histogram</c>, <c>png_decode</c>, <c>png_encode</c>.
/// </summary>
internal static class BenchCommand
{
    private static readonly OptionSpec Image = new("image", null, "IN", "benchmark this PNG/NPY (default: a built-in 1024x1024 phantom)");
    private static readonly OptionSpec Size = new("size", null, "N", "size of the built-in phantom (default 1024)");
    private static readonly OptionSpec Op = new("op", null, "SPEC", "op to time (repeatable; default: the tutorial's set)", Repeatable: true);
    private static readonly OptionSpec Repeat = new("repeat", null, "N", "timed runs per op (default 20; the median is reported)");
    private static readonly OptionSpec Json = new("json", null, null, "print [{\"op\": SPEC, \"median_ms\": x, ...}]");
    private static readonly OptionSpec Threads = new("threads", null, "N", "threads inside one image, in row bands (default 1, so numbers stay one-thread unless asked)");
    private static readonly OptionSpec Isa = new("isa", null, "LEVEL", "cap the SIMD width: scalar, 128, 256 or 512 (default: the widest available)");

    private static readonly string[] DefaultOps =
    [
        "gaussian_filter:sigma=2", "gaussian_laplace:sigma=1", "gaussian_gradient_magnitude:sigma=2", "sobel_magnitude",
        "prewitt_magnitude", "fourier_gaussian:sigma=0.05", "convolve:weights=[[1,1,1],[0,0,0],[-1,-1,-1]]",
        "where:gt=150", "normalize:mode=max", "stats", "histogram", "png_decode", "png_encode",
        .. BenchCodecs.Names,
    ];

    public static CommandSpec Spec { get; } = new(
        "bench",
        "Time ops in-process on one image (median of N runs after warm-up, one thread unless --threads).",
        "[--image IN | --size N] [--op SPEC ...] [--repeat N] [--isa LEVEL] [--threads N] [--json] [--max-memory SIZE]",
        Run,
        [Image, Size, Op, Repeat, Json, Isa, Threads, Memory.MemoryBudget.Option],
        maxPositionals: 0,
        details: "Extra op names: stats (min/max/mean/median/std), histogram (256 bins, image range), png_decode, png_encode (default level),\n"
            + "jpeg_encode (quality 90), tiff_encode (Deflate, predictor 2; 16-bit stays 16-bit), bmp_encode, tga_encode, and each\n"
            + "format's _decode of what its encoder wrote; decode: the --image file itself through its own decoder (e.g. a DICOM file).");

    private static int Run(ParsedArgs args, CliContext context)
    {
        int repeat = args.Int(Repeat.Name, 20, 1, 100000);
        int threads = OutputArgs.ParseThreads(args, 1);
        SimdLevel? isa = null;
        if (args.Get(Isa.Name) is { } level)
        {
            isa = SimdCapabilities.Parse(level) ?? throw new UsageException($"--isa {level}: expected scalar, 128, 256 or 512");
        }

        string? imagePath = args.Get(Image.Name);
        if (imagePath != null && args.Has(Size.Name))
        {
            throw new UsageException("--image and --size are alternatives");
        }

        // Planned before the image is read or made: bench prepares every op's buffers before it times any.
        Memory.MemoryBudget budget = Memory.MemoryBudget.From(args, context);
        IReadOnlyList<string> planned = args.GetAll(Op.Name) is { Count: > 0 } ops ? ops : DefaultOps;
        if (imagePath is null)
        {
            int n = args.Int(Size.Name, 1024, 8, 16384);
            budget.Require(Memory.CommandPlans.Bench(Memory.ImageHeader.Synthetic(n, n), planned, threads, synthetic: true), "bench");
        }
        else
        {
            Memory.MemoryCheck.Require(budget, context.FullPath(imagePath), imagePath, h => Memory.CommandPlans.Bench(h, planned, threads, synthetic: false));
        }

        GrayInput input;
        byte[] png; // the --image file's bytes (PNG or not), else the phantom as PNG
        if (imagePath != null)
        {
            png = FileIO.ReadInput(context.FullPath(imagePath), imagePath);
            input = GrayInput.Load(context.FullPath(imagePath), imagePath);
        }
        else
        {
            int size = args.Int(Size.Name, 1024, 8, 16384);
            byte[] phantom = ChestPhantom.Generate(size, size);
            input = GrayInput.FromBytes(phantom, size, size);
            using var stream = new MemoryStream();
            PngEncoder.Encode(stream, phantom, size, size, PngColorType.Gray);
            png = stream.ToArray();
        }

        IReadOnlyList<string> specs = args.GetAll(Op.Name) is { Count: > 0 } given ? given : DefaultOps;
        var runs = new List<(string Spec, Action Run)>();
        foreach (string spec in specs)
        {
            runs.Add((spec, Prepare(spec, input, png, threads)));
        }

        SimdLevel? previous = SimdCapabilities.Force(isa);
        var results = new List<(string Spec, double Median, double Min)>();
        try
        {
            foreach ((string spec, Action run) in runs)
            {
                (double median, double min) = Time(run, repeat);
                results.Add((spec, median, min));
            }
        }
        finally
        {
            SimdCapabilities.Force(previous);
        }

        double mpix = input.Width * (double)input.Height / 1e6;
        string simd = SimdCapabilities.Active.ToString();
        string flavour = VersionInfo.IsNativeAot ? "native-aot" : "jit";
        if (args.Has(Json.Name))
        {
            context.Out.WriteLine(JsonText.Write(json =>
            {
                json.WriteStartArray();
                foreach ((string spec, double median, double min) in results)
                {
                    json.WriteStartObject();
                    json.WriteString("op", spec);
                    json.WriteNumber("median_ms", Math.Round(median, 4));
                    json.WriteNumber("min_ms", Math.Round(min, 4));
                    // Two decimals: small or slow runs (64², scalar, a loaded machine) report a few MPix/s, where one decimal lost up to 1 %.
                    json.WriteNumber("mpix_per_s", Math.Round(mpix / (median / 1000), 2));
                    json.WriteNumber("width", input.Width);
                    json.WriteNumber("height", input.Height);
                    json.WriteString("simd", isa is { } i ? i.ToString() : simd);
                    json.WriteString("build", flavour);
                    json.WriteNumber("threads", threads);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }));
        }
        else
        {
            context.Out.WriteLine($"{input.Width}x{input.Height} {input.DType}, {repeat} runs, {(threads == 1 ? "one thread" : $"{threads} threads")}, {flavour}, simd {(isa is { } i ? i.ToString() : simd)}");
            int width = Math.Max(4, results.Max(r => r.Spec.Length));
            context.Out.WriteLine($"{"op".PadRight(width)}  {"median ms",10}  {"MPix/s",8}");
            foreach ((string spec, double median, _) in results)
            {
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.PadRight(width)}  {median,10:F3}  {mpix / (median / 1000),8:F1}"));
            }
        }

        return ExitCodes.Ok;
    }

    private static Action Prepare(string spec, GrayInput input, byte[] png, int threads)
    {
        int w = input.Width;
        int h = input.Height;
        switch (spec)
        {
            case "stats":
                return () => TutorialRunner.Statistics(input);
            case "histogram":
            {
                long[] counts = new long[256];
                ImageStatistics s = TutorialRunner.Statistics(input);
                return () => TutorialRunner.ComputeHistogram(input, s.Min, s.Max, counts);
            }

            case "png_decode":
                return () => PngDecoder.Decode(png);
            case "decode":
                // The --image file through the decoder every command uses (DICOM: parse, frame, Modality LUT).
                return () => FastXray.Imaging.Formats.ImageDecoder.DecodeGray(png);
            case "png_encode":
            {
                var sink = new MemoryStream(png.Length * 2);
                return () =>
                {
                    sink.Position = 0;
                    if (input.Pixels16 != null)
                    {
                        PngEncoder.Encode(sink, input.Pixels16, w, h, PngColorType.Gray);
                    }
                    else if (input.Pixels8 != null)
                    {
                        PngEncoder.Encode(sink, input.Pixels8, w, h, PngColorType.Gray);
                    }
                };
            }

            default:
            {
                if (BenchCodecs.Prepare(spec, input) is { } codec)
                {
                    return codec;
                }

                OpChain chain = OpChain.Parse([spec], OpRegistry.Default);
                BoundOp op = chain.Ops[0];
                float[] source = input.ToSingle();
                float[] destination = new float[source.Length];
                var context = OpContext.ForSource(input.Depth == 32 ? 0 : input.Depth);
                return () => op.Apply(new ReadOnlyImageSpan<float>(source, w, h), new ImageSpan<float>(destination, w, h), context, threads);
            }
        }
    }

    private static (double Median, double Min) Time(Action run, int repeat)
    {
        // Warm-up: tiered JIT, pools and caches (at least 3 runs or 200 ms).
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 3 || (warm.ElapsedMilliseconds < 200 && i < 50); i++)
        {
            // Not every timed op has checks of its own (stats, histogram).
            KernelCancellation.ThrowIfRequested();
            run();
        }

        double[] times = new double[repeat];
        for (int i = 0; i < repeat; i++)
        {
            KernelCancellation.ThrowIfRequested();
            long t0 = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }

        Array.Sort(times);
        double median = repeat % 2 == 1 ? times[repeat / 2] : (times[(repeat / 2) - 1] + times[repeat / 2]) / 2;
        return (median, times[0]);
    }
}
