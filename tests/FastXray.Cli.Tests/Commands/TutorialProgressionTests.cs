using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Gif;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>
/// The tutorial's step 2 for several inputs (progression.gif, one frame per input in input order, as <c>stack</c>
/// writes it; progression.png, a titled montage), and the panel files' one naming rule and original.png.
/// </summary>
public sealed class TutorialProgressionTests
{
    private const int W = 20;
    private const int H = 14;

    [Fact]
    public void Several_inputs_of_one_size_give_progression_gif_frames_in_input_order_identical_to_stack()
    {
        using var dir = new TempDir();
        string[] names = ["c.npy", "a.npy", "b.npy"];
        byte[][] pixels = new byte[3][];
        for (int i = 0; i < names.Length; i++)
        {
            pixels[i] = NpyFile.Read(dir.Npy8(names[i], W, H, seed: 70 + i)).AsSpan<byte>().ToArray();
        }

        CliResult r = CliRunner.Run(["tutorial", .. names, "-o", "all", "--no-figure", "--jobs", "2", "--duration", "250"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.Contains("all/progression.gif: 3 frames 20x14, 250 ms each; all/progression.png", r.Stdout, StringComparison.Ordinal);

        // Frames in the order given (c, a, b), whatever order the jobs finished in, each the input's own samples.
        GifAnimation gif = GifDecoder.DecodeFile(dir["all/progression.gif"]);
        Assert.Equal(3, gif.Frames.Count);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(gif.Frames[i].TryGetGray(out byte[]? grey));
            Assert.Equal(pixels[i], grey);
            Assert.Equal(250, gif.Frames[i].DelayMs);
        }

        // The same frames as the stack command writes them.
        Assert.Equal(0, CliRunner.Run(["stack", .. names, "-o", "stack.gif", "--duration", "250"], dir.Path).ExitCode);
        Assert.Equal(File.ReadAllBytes(dir["stack.gif"]), File.ReadAllBytes(dir["all/progression.gif"]));

        // The montage: three tiles of the inputs' size in one row, with title bands.
        PngImage montage = PngDecoder.DecodeFile(dir["all/progression.png"]);
        Assert.Equal(PngColorType.Rgb, montage.ColorType);
        Assert.True(montage.Width >= 3 * W && montage.Height > H, $"{montage.Width}x{montage.Height}");
    }

    [Fact]
    public void A_failed_input_is_left_out_of_the_progression_and_the_rest_keep_their_order()
    {
        using var dir = new TempDir();
        byte[] first = NpyFile.Read(dir.Npy8("one.npy", W, H, seed: 80)).AsSpan<byte>().ToArray();
        dir.TruncatedNpy("bad.npy");
        byte[] last = NpyFile.Read(dir.Npy8("two.npy", W, H, seed: 81)).AsSpan<byte>().ToArray();
        CliResult r = CliRunner.Run(["tutorial", "one.npy", "bad.npy", "two.npy", "-o", "all", "--no-figure"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: bad.npy: ", r.ErrorLines[0], StringComparison.Ordinal);
        GifAnimation gif = GifDecoder.DecodeFile(dir["all/progression.gif"]);
        Assert.Equal(2, gif.Frames.Count);
        Assert.True(gif.Frames[0].TryGetGray(out byte[]? a));
        Assert.True(gif.Frames[1].TryGetGray(out byte[]? b));
        Assert.Equal(first, a);
        Assert.Equal(last, b);
    }

    [Fact]
    public void Sixteen_bit_inputs_are_scaled_over_the_whole_progression_as_stack_does()
    {
        using var dir = new TempDir();
        dir.Npy16("a.npy", W, H, seed: 90);
        dir.Npy16("b.npy", W, H, seed: 91);
        Assert.Equal(0, CliRunner.Run(["tutorial", "a.npy", "b.npy", "-o", "all", "--no-figure"], dir.Path).ExitCode);
        Assert.Equal(0, CliRunner.Run(["stack", "a.npy", "b.npy", "-o", "stack.gif"], dir.Path).ExitCode);
        Assert.Equal(File.ReadAllBytes(dir["stack.gif"]), File.ReadAllBytes(dir["all/progression.gif"]));
    }

    [Fact]
    public void One_input_writes_no_progression()
    {
        using var dir = new TempDir();
        dir.Npy8("one.npy", W, H);
        Assert.Equal(0, CliRunner.Run(["tutorial", "one.npy", "-o", "out", "--no-figure"], dir.Path).ExitCode);
        Assert.DoesNotContain(dir.Files("out"), f => f.StartsWith("progression", StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_panel_names_are_grey_and_a_colormap_suffix_is_colour_and_original_png_is_the_input_png_itself()
    {
        using var dir = new TempDir();
        var rng = new Random(7);
        byte[] pixels = new byte[W * H];
        rng.NextBytes(pixels);
        PngEncoder.EncodeFile(dir["in.png"], pixels, W, H, PngColorType.Gray);
        Assert.Equal(0, CliRunner.Run(["tutorial", "in.png", "-o", "out", "--no-figure"], dir.Path).ExitCode);

        Assert.Equal(File.ReadAllBytes(dir["in.png"]), File.ReadAllBytes(dir["out/original.png"]));
        string[] maps = ["hot", "CMRmap", "prism", "nipy_spectral", "terrain"];
        foreach (string file in dir.Files("out").Where(f => f.EndsWith(".png", StringComparison.Ordinal) && f != "original.png" && !f.StartsWith("histogram", StringComparison.Ordinal)))
        {
            PngImage image = PngDecoder.DecodeFile(dir["out/" + file]);
            string stem = Path.GetFileNameWithoutExtension(file);
            string? map = maps.FirstOrDefault(m => stem.EndsWith("_" + m, StringComparison.Ordinal));
            Assert.True(map is null ? image.IsGray : image.ColorType is PngColorType.Rgb or PngColorType.Palette, $"{file}: {image.ColorType}");
        }

        Assert.Contains("canny.png", dir.Files("out"));
        Assert.Contains("canny_prism.png", dir.Files("out"));
    }

    [Fact]
    public void Original_png_of_a_16_bit_npy_holds_its_samples_unchanged()
    {
        using var dir = new TempDir();
        ushort[] pixels = NpyFile.Read(dir.Npy16("x.npy", W, H, seed: 3)).AsSpan<ushort>().ToArray();
        Assert.Equal(0, CliRunner.Run(["tutorial", "x.npy", "-o", "out", "--no-figure"], dir.Path).ExitCode);
        PngImage original = PngDecoder.DecodeFile(dir["out/original.png"]);
        Assert.Equal(16, original.BitDepth);
        Assert.Equal(pixels, original.Pixels16);
    }

    [Fact]
    public void The_plan_of_several_inputs_includes_the_progression_frames()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy", W, H, seed: 1);
        dir.Npy16("b.npy", W, H, seed: 2);
        CliResult r = CliRunner.Run(["tutorial", "a.npy", "b.npy", "-o", "all", "--plan"], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("plan: progression of 2 frames", r.Stdout, StringComparison.Ordinal);

        // One byte a pixel for the 8-bit frame, two for the 16-bit one.
        Assert.Contains($"{W * H * 3} B  frames held", r.Stdout, StringComparison.Ordinal);
        Assert.Empty(dir.Files("all"));
    }

    [Fact]
    public void A_budget_that_holds_each_image_but_not_the_frames_besides_skips_the_progression_with_one_line()
    {
        using var dir = new TempDir();
        dir.Npy8("a.npy", W, H, seed: 1);
        dir.Npy8("b.npy", W, H, seed: 2);
        string plan = CliRunner.Run(["tutorial", "a.npy", "b.npy", "-o", "all", "--plan"], dir.Path).Stdout;
        long image = long.Parse(System.Text.RegularExpressions.Regex.Match(plan, @"total \((\d+) bytes\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        // Room for one image's tutorial plus a little, not for the progression's frames, GIF and montage too.
        CliResult r = CliRunner.Run(["tutorial", "a.npy", "b.npy", "-o", "all", "--no-figure", "--max-memory", (image + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)], dir.Path);
        Assert.Equal(0, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith("fastxray: progression.gif/.png not written: its ", r.ErrorLines[0], StringComparison.Ordinal);
        Assert.EndsWith("(--max-memory)", r.ErrorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(dir.Files("all"), f => f.StartsWith("progression", StringComparison.Ordinal));
        Assert.Contains("a/stats.json", dir.Files("all"));
        Assert.Contains("b/stats.json", dir.Files("all"));
    }
}
