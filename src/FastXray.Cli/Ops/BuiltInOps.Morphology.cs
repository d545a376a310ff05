using System.Buffers;
using FastXray.Morphology;

namespace FastXray.Cli.Ops;

internal static partial class BuiltInOps
{
    private static readonly OpParam Structure = OpParam.Matrix("structure", "structuring element, nonzero = member; default scipy's cross [[0,1,0],[1,1,1],[0,1,0]]", optional: true);
    private static readonly OpParam Iterations = OpParam.Int("iterations", "repetitions; 0 or less repeats until nothing changes", 1, min: -1 << 20, max: 1 << 20);
    private static readonly OpParam BorderValue = OpParam.Int("border_value", "value of every pixel outside the image (0 or 1)", 0, min: 0, max: 1);

    private delegate void BinaryCall(ReadOnlyImageSpan<float> s, ImageSpan<byte> d, ReadOnlyImageSpan<byte> structure, int iterations, bool borderValue);

    /// <summary>scipy.ndimage's binary morphology: nonzero input is true, the output is 0 or 1.</summary>
    private static void AddMorphology(OpRegistry r)
    {
        OpParam[] parameters = [Structure, Iterations, BorderValue];
        r.Add("binary_dilation", "binary dilation (nonzero = true; output 0/1)", parameters,
            static (s, d, a, _) => Binary(s, d, a, static (s, d, st, i, b) => BinaryDilation.Apply(s, d, st, i, b)),
            CheckStructure, a => BinaryReach(a, 1), static _ => true);
        r.Add("binary_erosion", "binary erosion (nonzero = true; output 0/1)", parameters,
            static (s, d, a, _) => Binary(s, d, a, static (s, d, st, i, b) => BinaryErosion.Apply(s, d, st, i, b)),
            CheckStructure, a => BinaryReach(a, 1), static _ => true);
        r.Add("binary_opening", "erosion then dilation, each `iterations` times (output 0/1)", parameters,
            static (s, d, a, _) => Binary(s, d, a, static (s, d, st, i, b) => BinaryOpening.Apply(s, d, st, i, b)),
            CheckStructure, a => BinaryReach(a, 2), static _ => true);
        r.Add("binary_closing", "dilation then erosion, each `iterations` times (output 0/1)", parameters,
            static (s, d, a, _) => Binary(s, d, a, static (s, d, st, i, b) => BinaryClosing.Apply(s, d, st, i, b)),
            CheckStructure, a => BinaryReach(a, 2), static _ => true);
    }

    private static void Binary(ReadOnlyImageSpan<float> s, ImageSpan<float> d, OpArgs a, BinaryCall call)
    {
        // scipy's default structure is the 4-connected cross, which the core already provides.
        ReadOnlyImageSpan<byte> structure = BinaryStructure.Cross;
        if (a.Has("structure"))
        {
            (double[] values, int rows, int columns) = a.Matrix("structure");
            structure = new ReadOnlyImageSpan<byte>(Array.ConvertAll(values, v => v != 0 ? (byte)1 : (byte)0), columns, rows);
        }

        int w = s.Width;
        int h = s.Height;
        byte[] bits = ArrayPool<byte>.Shared.Rent(Math.Max(checked(w * h), 1));
        try
        {
            var map = new ImageSpan<byte>(bits.AsSpan(0, w * h), w, h);
            call(s, map, structure, a.Int("iterations"), a.Int("border_value") != 0);
            IntegerSamples.Widen(bits.AsSpan(0, w * h), d);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bits);
        }
    }

    private static string? CheckStructure(OpArgs a) =>
        a.Has("structure") && a.Matrix("structure") is var (_, rows, columns) && (rows > 255 || columns > 255)
            ? "structure is larger than 255x255"
            : null;

    // Each pass reads rows/2 rows each way; a pass count below 1 means "until stable", which is whole-image.
    private static int BinaryReach(OpArgs a, int passesPerIteration)
    {
        int iterations = a.Int("iterations");
        int rows = a.Has("structure") ? a.Matrix("structure").Rows : 3;
        return iterations < 1 ? -1 : (int)Math.Min((long)iterations * passesPerIteration * ((rows / 2) + 1), int.MaxValue / 4);
    }
}
