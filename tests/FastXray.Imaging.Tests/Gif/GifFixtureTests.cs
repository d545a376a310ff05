using System.Security.Cryptography;
using System.Text.Json;
using FastXray.Imaging.Gif;
using FastXray.Imaging.Npy;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Gif;

/// <summary>
/// Cross-checks with an independent decoder: the enc_*.gif fixtures were written by our encoder and decoded by
/// PIL 9.4 (tools/fixtures/gif_npy.py); the pil_*.gif fixtures were written by PIL. Our decoder must see what
/// PIL sees in all of them, and PIL must see exactly our input frames in the losslessly encoded ones.
/// </summary>
public class GifFixtureTests
{
    /// <summary>Set to 1 to (re)write the enc_*.gif fixtures; then run gif_npy.py to refresh PIL's view of them.</summary>
    private const string WriteVariable = "FASTXRAY_WRITE_GIF_FIXTURES";

    public static TheoryData<string> EncoderCases()
    {
        var data = new TheoryData<string>();
        foreach (string name in Cases().Keys)
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string> AllGifs()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.EnumerateFiles(Dir(), "*.gif").Select(p => Path.GetFileNameWithoutExtension(p)).Order(StringComparer.Ordinal))
        {
            data.Add(f);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EncoderCases))]
    public void Encoder_ReproducesCommittedFixture(string name)
    {
        Case c = Cases()[name];
        byte[] encoded = c.Encode();
        string path = Path.Combine(Dir(), name + ".gif");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllBytes(path, encoded);
        }

        Assert.Equal(File.ReadAllBytes(path), encoded);
    }

    [Theory]
    [MemberData(nameof(EncoderCases))]
    public void Pil_SeesOurInputFrames(string name)
    {
        Case c = Cases()[name];
        byte[][] pil = PilFrames(name, out JsonElement info);
        Assert.Equal(c.Frames.Length, pil.Length);
        Assert.Equal(c.Width, info.GetProperty("width").GetInt32());
        Assert.Equal(c.Height, info.GetProperty("height").GetInt32());
        if (!c.Lossless)
        {
            return;
        }

        for (int f = 0; f < pil.Length; f++)
        {
            byte[] expected = c.Rgb ? c.Frames[f] : ToRgb(c.Frames[f]);
            Assert.True(expected.AsSpan().SequenceEqual(pil[f]), $"{name} frame {f}: PIL decodes different pixels than we encoded");
        }
    }

    [Theory]
    [MemberData(nameof(AllGifs))]
    public void Decoder_MatchesPil(string name)
    {
        byte[][] pil = PilFrames(name, out JsonElement info);
        GifAnimation gif = GifDecoder.DecodeFile(Path.Combine(Dir(), name + ".gif"));

        Assert.Equal(info.GetProperty("width").GetInt32(), gif.Width);
        Assert.Equal(info.GetProperty("height").GetInt32(), gif.Height);
        Assert.Equal(pil.Length, gif.Frames.Count);
        JsonElement loop = info.GetProperty("loop");
        Assert.Equal(loop.ValueKind == JsonValueKind.Null ? null : loop.GetInt32(), gif.LoopCount);
        JsonElement[] durations = info.GetProperty("durations_ms").EnumerateArray().ToArray();
        string[] hashes = info.GetProperty("sha256").EnumerateArray().Select(h => h.GetString()!).ToArray();
        for (int f = 0; f < pil.Length; f++)
        {
            Assert.True(pil[f].AsSpan().SequenceEqual(gif.Frames[f].Rgb), $"{name} frame {f} differs from PIL");
            Assert.Equal(hashes[f], Convert.ToHexStringLower(SHA256.HashData(gif.Frames[f].Rgb)));
            Assert.Equal(durations[f].ValueKind == JsonValueKind.Null ? 0 : durations[f].GetInt32(), gif.Frames[f].DelayMs);
        }
    }

    [Fact]
    public void Fixtures_CoverInterlacingAndSubRectangles()
    {
        // Guards the cross-check itself: PIL's interlaced file must exercise both paths of our decoder.
        GifAnimation interlaced = GifDecoder.DecodeFile(Path.Combine(Dir(), "pil_interlaced.gif"));
        Assert.True(interlaced.Frames[0].Interlaced);
        Assert.True(interlaced.Height >= 16);
        GifAnimation subrect = GifDecoder.DecodeFile(Path.Combine(Dir(), "pil_subrect.gif"));
        Assert.Contains(subrect.Frames, f => f.FrameWidth < subrect.Width && f.FrameHeight < subrect.Height && f.Left > 0 && f.Top > 0);
    }

    private static byte[] ToRgb(byte[] gray)
    {
        var rgb = new byte[gray.Length * 3];
        for (int i = 0; i < gray.Length; i++)
        {
            rgb[i * 3] = rgb[(i * 3) + 1] = rgb[(i * 3) + 2] = gray[i];
        }

        return rgb;
    }

    private static byte[][] PilFrames(string name, out JsonElement info)
    {
        using (JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir(), name + ".json"))))
        {
            info = doc.RootElement.Clone();
        }

        NpyArray stack = NpyFile.Read(Path.Combine(Dir(), name + ".frames.npy"));
        Assert.Equal(4, stack.Shape.Length);
        int frameBytes = stack.Shape[1] * stack.Shape[2] * 3;
        return Enumerable.Range(0, stack.Shape[0]).Select(f => stack.Data.AsSpan(f * frameBytes, frameBytes).ToArray()).ToArray();
    }

    private static string Dir() => TestData.Reference("FastXray.Imaging.Tests", "gif");

    private static Dictionary<string, Case> Cases() => new()
    {
        ["enc_gray_levels"] = new(16, 16, false, true, new GifOptions { FrameDelaysMs = [100, 250, 1234] },
            [GifTestImages.Levels(256), GifTestImages.Levels(256).Reverse().ToArray(), GifTestImages.Noise(256, 7)]),
        ["enc_gray_noise"] = new(128, 96, false, true, new GifOptions { LoopCount = null, DelayMs = 40 }, [GifTestImages.Noise(128 * 96, 3)]),
        ["enc_gray_1x1"] = new(1, 1, false, true, new GifOptions { LoopCount = 3 }, [[200], [0]]),
        ["enc_gray_1x300"] = new(300, 1, false, true, GifOptions.Default, [GifTestImages.Noise(300, 5, 4)]),
        ["enc_gray_300x1"] = new(1, 300, false, true, GifOptions.Default, [GifTestImages.Levels(300)]),
        ["enc_gray_flat"] = new(200, 150, false, true, GifOptions.Default, [GifTestImages.Constant(200 * 150, 77), GifTestImages.Constant(200 * 150, 255)]),
        ["enc_rgb_exact"] = new(20, 12, true, true, new GifOptions { DelayMs = 70 }, [GifTestImages.RgbFewColors(20, 12, 256, 9), GifTestImages.RgbFewColors(20, 12, 3, 10)]),
        ["enc_rgb_quantized"] = new(48, 40, true, false, GifOptions.Default, [GifTestImages.RgbGradient(48, 40, 12)]),
    };

    /// <summary>An encoder fixture: its frames, options, and whether GIF can hold it without loss.</summary>
    private sealed record Case(int Width, int Height, bool Rgb, bool Lossless, GifOptions Options, byte[][] Frames)
    {
        public byte[] Encode()
        {
            using var stream = new MemoryStream();
            ReadOnlyMemory<byte>[] frames = Frames.Select(f => (ReadOnlyMemory<byte>)f).ToArray();
            if (Rgb)
            {
                GifEncoder.EncodeRgb(stream, frames, Width, Height, Options);
            }
            else
            {
                GifEncoder.EncodeGray(stream, frames, Width, Height, Options);
            }

            return stream.ToArray();
        }
    }
}
