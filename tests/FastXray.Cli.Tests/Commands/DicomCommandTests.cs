using FastXray.Cli.Tests.Support;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using FastXray.Tests;
using Xunit;

namespace FastXray.Cli.Tests.Commands;

/// <summary>DICOM through the commands: the display pipeline's order (modality, VOI, MONOCHROME1), frames, info, batch.</summary>
public sealed class DicomCommandTests
{
    private const int W = 7;
    private const int H = 5;

    /// <summary>Signed CT-like stored values -1024..3000 (the full span inside 35 pixels), rescale intercept -1024.</summary>
    private static ushort[] Stored(int frame = 0) =>
        [.. Enumerable.Range(0, W * H).Select(i => unchecked((ushort)(short)(-1024 + (((i * 118) + (frame * 37)) % 4025))))];

    private static byte[] Ct(string photometric = "MONOCHROME2", int frames = 1, bool window = true, string? patient = null)
    {
        DicomWriter w = DicomWriter.Image(H, W, 16, 16, signed: true, photometric, frames).Rescale(1, -1024);
        if (window)
        {
            w.Window(40, 400);
        }

        if (patient is not null)
        {
            w.Text(0x0010, 0x0010, "PN", patient);
        }

        return w.Pixels(Enumerable.Range(0, frames).SelectMany(Stored).ToArray()).ToArray();
    }

    /// <summary>PS3.3 C.11.2.1.2.1 with ymin 0, ymax 255, rounded half to even: the reference for 8-bit output.</summary>
    private static byte Linear(double x, double c, double w)
    {
        double y = x <= c - 0.5 - ((w - 1) / 2) ? 0 : x > c - 0.5 + ((w - 1) / 2) ? 255 : (((x - (c - 0.5)) / (w - 1)) + 0.5) * 255;
        return (byte)Math.Round(y, MidpointRounding.ToEven);
    }

    private static byte[] Png8(string path)
    {
        PngImage png = PngDecoder.DecodeFile(path);
        Assert.False(png.Is16Bit);
        return png.ToGray8();
    }

    [Fact]
    public void No_op_png_is_what_a_viewer_shows_modality_then_window()
    {
        using var dir = new TempDir();
        dir.Bytes("ct.dcm", Ct());
        CliResult r = CliRunner.Run(["filter", "ct.dcm", "-o", "view.png"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        byte[] expected = [.. Stored().Select(s => Linear((short)s - 1024.0, 40, 400))];
        Assert.Equal(expected, Png8(dir["view.png"]));
        Assert.Contains(expected, v => v is not (0 or 255)); // the window's ramp is exercised, not only its tails
    }

    [Fact]
    public void Monochrome1_is_inverted_after_the_window()
    {
        using var dir = new TempDir();
        dir.Bytes("m1.dcm", Ct("MONOCHROME1"));
        Assert.Equal(0, CliRunner.Run(["filter", "m1.dcm", "-o", "view.png"], dir.Path).ExitCode);
        Assert.Equal(Stored().Select(s => (byte)(255 - Linear((short)s - 1024.0, 40, 400))), Png8(dir["view.png"]));

        // The window op applies the file's window and the same inversion.
        Assert.Equal(0, CliRunner.Run(["filter", "m1.dcm", "-o", "w.npy", "--op", "window"], dir.Path).ExitCode);
        float[] w = NpyFile.Read(dir["w.npy"]).AsSpan<float>().ToArray();
        Assert.Equal(Stored().Select(s => (byte)(255 - Linear((short)s - 1024.0, 40, 400))), w.Select(v => (byte)Math.Round(v, MidpointRounding.ToEven)));
    }

    [Fact]
    public void Ops_see_modality_values_and_no_rescale_gives_stored_values()
    {
        using var dir = new TempDir();
        dir.Bytes("ct.dcm", Ct());
        Assert.Equal(0, CliRunner.Run(["filter", "ct.dcm", "-o", "m.npy"], dir.Path).ExitCode);
        Assert.Equal(Stored().Select(s => (float)((short)s - 1024)), NpyFile.Read(dir["m.npy"]).AsSpan<float>().ToArray());
        Assert.Equal(0, CliRunner.Run(["filter", "ct.dcm", "-o", "s.npy", "--no-rescale"], dir.Path).ExitCode);
        Assert.Equal(Stored().Select(s => (float)(short)s), NpyFile.Read(dir["s.npy"]).AsSpan<float>().ToArray());
    }

    [Fact]
    public void Depth_16_keeps_modality_values_offset_when_they_can_be_negative()
    {
        using var dir = new TempDir();
        dir.Bytes("ct.dcm", Ct());
        Assert.Equal(0, CliRunner.Run(["filter", "ct.dcm", "-o", "m16.png", "--depth", "16"], dir.Path).ExitCode);
        PngImage png = PngDecoder.DecodeFile(dir["m16.png"]);
        Assert.Equal(Stored().Select(s => (ushort)((short)s - 1024 + 32768)), png.ToGray16());
        CliResult info = CliRunner.Run(["info", "ct.dcm"], dir.Path);
        Assert.Contains("16-bit output: modality values -33792..31743, written plus 32768", info.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_op_takes_given_values_and_refuses_a_non_dicom_without_them()
    {
        using var dir = new TempDir();
        dir.Bytes("ct.dcm", Ct(window: false));
        Assert.Equal(0, CliRunner.Run(["filter", "ct.dcm", "-o", "w.npy", "--op", "window:center=100,width=1001"], dir.Path).ExitCode);
        Assert.Equal(Stored().Select(s => Linear((short)s - 1024.0, 100, 1001)),
            NpyFile.Read(dir["w.npy"]).AsSpan<float>().ToArray().Select(v => (byte)Math.Round(v, MidpointRounding.ToEven)));

        // No window in the file and none given: the frame's min..max, ends black and white.
        Assert.Equal(0, CliRunner.Run(["filter", "ct.dcm", "-o", "mm.png"], dir.Path).ExitCode);
        byte[] mm = Png8(dir["mm.png"]);
        Assert.Equal((0, 255), (mm.Min(), mm.Max()));

        dir.Npy16("a.npy", 4, 3);
        CliResult r = CliRunner.Run(["filter", "a.npy", "-o", "w.png", "--op", "window"], dir.Path);
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains("give center and width", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run(["filter", "ct.dcm", "-o", "w.png", "--op", "window:center=3"], dir.Path).ExitCode);
    }

    [Fact]
    public void Frames_are_chosen_with_frame_and_stack_takes_them_all()
    {
        using var dir = new TempDir();
        dir.Bytes("mf.dcm", Ct(frames: 3));
        Assert.Equal(0, CliRunner.Run(["filter", "mf.dcm", "-o", "f2.npy", "--frame", "2"], dir.Path).ExitCode);
        Assert.Equal(Stored(2).Select(s => (float)((short)s - 1024)), NpyFile.Read(dir["f2.npy"]).AsSpan<float>().ToArray());
        CliResult bad = CliRunner.Run(["filter", "mf.dcm", "-o", "f3.npy", "--frame", "3"], dir.Path);
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(["fastxray: mf.dcm: frame 3 out of range (the file has 3)"], bad.ErrorLines);
        Assert.False(File.Exists(dir["f3.npy"]));

        CliResult stack = CliRunner.Run(["stack", "mf.dcm", "-o", "all.gif"], dir.Path);
        Assert.True(stack.ExitCode == 0, stack.ToString());
        Assert.StartsWith("all.gif: 3 frames 7x5", stack.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("one.gif: 1 frames", CliRunner.Run(["stack", "mf.dcm", "-o", "one.gif", "--frame", "1"], dir.Path).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_names_the_syntax_and_hides_patient_attributes_unless_asked()
    {
        using var dir = new TempDir();
        dir.Bytes("ct.dcm", Ct(patient: "Doe^Jane"));
        CliResult r = CliRunner.Run(["info", "ct.dcm"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("format: DICOM", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("syntax: Explicit VR Little Endian (1.2.840.10008.1.2.1)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("pixels: 16 bits allocated, 16 stored, high bit 15, signed, MONOCHROME2", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("rescale: slope 1, intercept -1024", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("window: window 40/400 LINEAR (file)", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Doe", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Doe^Jane", CliRunner.Run(["info", "ct.dcm", "--phi"], dir.Path).Stdout, StringComparison.Ordinal);
        CliResult json = CliRunner.Run(["info", "ct.dcm", "--json"], dir.Path);
        Assert.Contains("\"transfer_syntax_uid\":\"1.2.840.10008.1.2.1\"", json.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Doe", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_finds_dcm_files_and_extensionless_dicom_in_folders()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["study/series"]);
        dir.Bytes("study/series/a.dcm", Ct());
        dir.Bytes("study/series/IM000002", Ct("MONOCHROME1"));
        dir.Bytes("study/series/notes", "not an image"u8.ToArray());
        CliResult r = CliRunner.Run(["batch", "study", "-r", "-o", "png", "--op", "window"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(File.Exists(dir["png/series/a.png"]));
        Assert.True(File.Exists(dir["png/series/IM000002.png"]));
        Assert.Equal(2, Directory.GetFiles(dir["png"], "*.png", SearchOption.AllDirectories).Length);
        CliResult glob = CliRunner.Run(["batch", "study/**/*.dcm", "-o", "g"], dir.Path);
        Assert.True(glob.ExitCode == 0, glob.ToString());
        Assert.Equal(Png8(dir["png/series/a.png"]), Png8(dir["g/a.png"]));
    }

    [Fact]
    public void Batch_frame_all_writes_one_output_per_frame_and_resumes()
    {
        using var dir = new TempDir();
        dir.Bytes("in/mf.dcm", Ct(frames: 3));
        dir.Bytes("in/one.dcm", Ct());
        CliResult r = CliRunner.Run(["batch", "in", "-o", "out", "--frame", "all", "--format", "npy"], dir.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["mf.f0000.npy", "mf.f0001.npy", "mf.f0002.npy", "one.npy"], Directory.GetFiles(dir["out"], "*.npy").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (int f = 0; f < 3; f++)
        {
            Assert.Equal(Stored(f).Select(s => (float)((short)s - 1024)), NpyFile.Read(dir[$"out/mf.f{f:D4}.npy"]).AsSpan<float>().ToArray());
        }

        // A re-run finds every frame complete; --frame 1 alone writes frame 1 under the file's own name.
        CliResult again = CliRunner.Run(["batch", "in", "-o", "out", "--frame", "all", "--format", "npy", "--json"], dir.Path);
        Assert.Contains("\"skipped\":4", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run(["batch", "in/mf.dcm", "-o", "one", "--frame", "1", "--format", "npy"], dir.Path).ExitCode);
        Assert.Equal(NpyFile.Read(dir["out/mf.f0001.npy"]).AsSpan<float>().ToArray(), NpyFile.Read(dir["one/mf.npy"]).AsSpan<float>().ToArray());
    }
}
