using BenchmarkDotNet.Attributes;
using FastXray.Color;
using FastXray.Imaging.Gif;

namespace FastXray.Benchmarks.Kernels;

/// <summary>
/// The tutorial's GIF: nine 1024x1024 8-bit frames (BenchImages.Xray8 shifted by 0..8 gray levels, so no two
/// frames are equal) written with the exact gray palette; the same nine frames through a colormap (RGB with at
/// most 256 colours, stored exactly); and decoding the gray stack back.
/// </summary>
public class GifBenchmarks : IPixelCount
{
    private const int FrameCount = 9;
    private ReadOnlyMemory<byte>[] _gray = [];
    private ReadOnlyMemory<byte>[] _rgb = [];
    private byte[] _encodedGray = [];
    private MemoryStream _sink = new();
    private int _width;
    private int _height;

    public long Pixels => 1024L * 1024 * FrameCount;

    [GlobalSetup]
    public void Setup()
    {
        (byte[] pixels, _width, _height) = BenchImages.Xray8;
        _gray = new ReadOnlyMemory<byte>[FrameCount];
        _rgb = new ReadOnlyMemory<byte>[FrameCount];
        Colormap cmap = Colormap.Get("viridis");
        for (int f = 0; f < FrameCount; f++)
        {
            byte[] frame = Array.ConvertAll(pixels, p => (byte)Math.Min(255, p + f));
            _gray[f] = frame;
            var rgb = new byte[frame.Length * 3];
            float[] asFloat = Array.ConvertAll(frame, p => (float)p);
            cmap.Apply(new ReadOnlyImageSpan<float>(asFloat, _width, _height), rgb, 0, 255);
            _rgb[f] = rgb;
        }

        _sink = new MemoryStream(32 << 20);
        GifEncoder.EncodeGray(_sink, _gray, _width, _height);
        _encodedGray = _sink.ToArray();
        Console.Error.WriteLine($"note: gray stack encodes to {_encodedGray.Length / 1024} KiB ({100.0 * _encodedGray.Length / (_width * _height * FrameCount):F1}% of raw)");
    }

    [Benchmark]
    public long EncodeGray9()
    {
        _sink.Position = 0;
        GifEncoder.EncodeGray(_sink, _gray, _width, _height);
        return _sink.Position;
    }

    [Benchmark]
    public long EncodeColormapped9()
    {
        _sink.Position = 0;
        GifEncoder.EncodeRgb(_sink, _rgb, _width, _height);
        return _sink.Position;
    }

    [Benchmark]
    public int DecodeGray9() => GifDecoder.Decode(_encodedGray).Frames.Count;
}
