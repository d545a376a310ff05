using System.Buffers;
using System.Runtime.InteropServices;
using FastXray.Intensity;

namespace FastXray.Cli.Ops;

internal static partial class BuiltInOps
{
    private static readonly string[] CompareNames = ["gt", "ge", "lt", "le", "eq", "ne"];

    /// <summary>
    /// The tutorial's intensity steps: normalisation, np.where masks, histogram equalisation, plus CLAHE (OpenCV)
    /// and the DICOM window. Image-wide statistics make normalize and equalize whole-image ops.
    /// </summary>
    private static void AddIntensity(OpRegistry r)
    {
        r.Add("normalize", "to 0..255: mode=max is the tutorial's x * 255 / max(x), mode=minmax stretches min..max",
            [OpParam.Choice("mode", "max or minmax", "max", ["max", "minmax"])],
            static (s, d, a, _) =>
            {
                if (a.Text("mode") == "max")
                {
                    Normalize.ByMax(s, d);
                }
                else
                {
                    Normalize.MinMax(s, d);
                }
            });

        // One of six single comparisons (the fast path, one kernel) or a compiled mask expression.
        OpParam[] tests = [.. CompareNames.Select(n => OpParam.Number(n, $"threshold of the test x {Symbol(n)} t", optional: true)), MaskExpressionParam.Create()];
        r.Add("where", "np.where(COND, x, 0): keeps the value where the test holds (one of gt/ge/lt/le/eq/ne=t, or expr=(x > 10) | (x < 5))", tests,
            static (s, d, a, _) =>
            {
                if (a.Has(MaskExpressionParam.Name))
                {
                    a.Parsed<MaskExpression>(MaskExpressionParam.Name).Keep(s, d);
                    return;
                }

                (CompareOp op, double t) = Test(a);
                Where.Keep(s, op, t, d);
            },
            CheckTest, static _ => 0, static _ => true);
        r.Add("mask", "np.where(COND, 1, 0) (one of gt/ge/lt/le/eq/ne=t, or expr=(x > 32) & ~(x > 64))", tests,
            static (s, d, a, _) =>
            {
                if (a.Has(MaskExpressionParam.Name))
                {
                    a.Parsed<MaskExpression>(MaskExpressionParam.Name).Mask(s, d);
                    return;
                }

                (CompareOp op, double t) = Test(a);
                byte[] bits = ArrayPool<byte>.Shared.Rent(Math.Max(checked(s.Width * s.Height), 1));
                try
                {
                    Where.Mask(s, op, t, new ImageSpan<byte>(bits.AsSpan(0, s.Width * s.Height), s.Width, s.Height));
                    IntegerSamples.Widen(bits.AsSpan(0, s.Width * s.Height), d);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bits);
                }
            },
            CheckTest, static _ => 0, static _ => true);

        r.Add("equalize", "histogram equalisation: method=cdf is the tutorial's CDF recipe (float 0..255), method=opencv is cv2.equalizeHist",
            [
                OpParam.Choice("method", "cdf or opencv", "cdf", ["cdf", "opencv"]),
                OpParam.Int("bins", "histogram bins for 16-bit images (one per value by default)", Equalize.DefaultBins16, min: 2, max: 65536),
            ],
            static (s, d, a, c) => Equalise(s, d, a, c), keepsIntegers: static a => a.Text("method") == "opencv");
        r.Add("clahe", "contrast-limited adaptive equalisation, cv2.createCLAHE(clipLimit, tileGridSize).apply",
            [
                OpParam.Number("clip_limit", "contrast limit relative to a flat histogram; 0 = plain AHE", Clahe.DefaultClipLimit, min: 0, max: 1e6),
                OpParam.PerAxis("tile_grid", "tiles per axis [rows, columns] (OpenCV's tileGridSize is (columns, rows))", 8, min: 1, max: 4096, integer: true),
                OpParam.Int("bins", "histogram bins for 16-bit images", 65536, min: 2, max: 65536),
            ],
            static (s, d, a, c) => RunClahe(s, d, a, c), keepsIntegers: static _ => true);
        r.Add("window", "DICOM VOI (PS3.3 C.11.2) to 0..255: center, width and function, by default the DICOM file's own; MONOCHROME1 inverted after",
            [
                OpParam.Number("center", "window centre c, in modality units (default: the DICOM file's first Window Center)", optional: true),
                OpParam.Number("width", "window width w (>= 1 for linear, > 0 otherwise; default: the file's first Window Width)", min: 0, optional: true),
                OpParam.Choice("function", "linear (C.11.2.1.2.1), linear_exact (C.11.2.1.3.2) or sigmoid (C.11.2.1.3.1); default: the file's VOI LUT Function, else linear", null, ["linear", "linear_exact", "sigmoid"]),
            ],
            static (s, d, a, c) => DicomWindowOp.Apply(s, d, a, c),
            static a => a.Has("center") != a.Has("width") ? "give both center and width, or neither (the DICOM file's own window)"
                : a.Has("width") && (a.Has("function") ? a.Text("function") : "linear") == "linear" && a.Double("width") < 1 ? "width must be at least 1 for function=linear"
                : null,
            // Element-wise with a window given; without one the fallback for a file with no window is the image's min-max: whole image.
            static a => a.Has("center") ? 0 : -1);
    }

    private static string Symbol(string name) => name switch
    {
        "gt" => ">",
        "ge" => ">=",
        "lt" => "<",
        "le" => "<=",
        "eq" => "==",
        _ => "!=",
    };

    private static (CompareOp Op, double Threshold) Test(OpArgs a)
    {
        foreach (string n in CompareNames)
        {
            if (a.Has(n))
            {
                CompareOps.TryParse(n, out CompareOp op);
                return (op, a.Double(n));
            }
        }

        throw new ArgumentException("no test given");
    }

    private static string? CheckTest(OpArgs a) =>
        CompareNames.Count(a.Has) + (a.Has(MaskExpressionParam.Name) ? 1 : 0) == 1 ? null
            : "give exactly one test: gt, ge, lt, le, eq, ne or expr (e.g. where:gt=150 or mask:expr=(x > 32) & ~(x > 64))";

    /// <summary>
    /// Equalisation and CLAHE are defined on integer samples: 16-bit sources keep 0..65535, everything else is read
    /// as 8-bit; exact integer samples are narrowed as they are, others rounded and range-checked.
    /// </summary>
    private static void Equalise(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, OpContext c) =>
        IntegerSamples.RunStored(s, d, c, "equalize", new EqualizeKernel(a.Text("method") == "opencv", a.Int("bins")));

    private static void RunClahe(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, OpContext c) =>
        IntegerSamples.RunStored(s, d, c, "clahe", new ClaheKernel(a.Double("clip_limit"), a.PerAxisInt("tile_grid"), a.Int("bins")));

    private readonly struct EqualizeKernel(bool opencv, int bins16) : ISampleKernel
    {
        public void Run<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
            where T : unmanaged
        {
            if (!opencv)
            {
                if (typeof(T) == typeof(ushort))
                {
                    Equalize.Cdf(As<T, ushort>(source), destination, bins16);
                }
                else
                {
                    Equalize.Cdf(As<T, byte>(source), destination);
                }

                return;
            }

            // cv2.equalizeHist writes 8-bit levels for either input depth.
            int n = source.Width * source.Height;
            byte[] levels = ArrayPool<byte>.Shared.Rent(Math.Max(n, 1));
            try
            {
                var o = new ImageSpan<byte>(levels.AsSpan(0, n), source.Width, source.Height);
                if (typeof(T) == typeof(ushort))
                {
                    Equalize.OpenCv(As<T, ushort>(source), o, bins16);
                }
                else
                {
                    Equalize.OpenCv(As<T, byte>(source), o);
                }

                IntegerSamples.Widen(levels.AsSpan(0, n), destination);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(levels);
            }
        }
    }

    private readonly struct ClaheKernel(double clipLimit, (int Y, int X) tiles, int bins16) : ISampleKernel
    {
        public void Run<T>(ReadOnlyImageSpan<T> source, ImageSpan<float> destination)
            where T : unmanaged
        {
            int n = source.Width * source.Height;
            T[] result = ArrayPool<T>.Shared.Rent(Math.Max(n, 1));
            try
            {
                if (typeof(T) == typeof(ushort))
                {
                    Span<ushort> o = MemoryMarshal.Cast<T, ushort>(result.AsSpan(0, n));
                    Clahe.Apply(As<T, ushort>(source), new ImageSpan<ushort>(o, source.Width, source.Height), clipLimit, tiles.X, tiles.Y, bins16);
                    IntegerSamples.Widen(o, destination);
                }
                else
                {
                    Span<byte> o = MemoryMarshal.Cast<T, byte>(result.AsSpan(0, n));
                    Clahe.Apply(As<T, byte>(source), new ImageSpan<byte>(o, source.Width, source.Height), clipLimit, tiles.X, tiles.Y);
                    IntegerSamples.Widen(o, destination);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(result);
            }
        }
    }

    // The driver hands a kernel exactly the type it checked with typeof; this reinterprets the span accordingly.
    private static ReadOnlyImageSpan<TTo> As<TFrom, TTo>(ReadOnlyImageSpan<TFrom> source)
        where TFrom : unmanaged
        where TTo : unmanaged =>
        new(MemoryMarshal.Cast<TFrom, TTo>(source.Data), source.Width, source.Height, source.Stride);
}
