using System.Diagnostics;
using System.Globalization;

namespace FastXray.Cli.Batch;

/// <summary>
/// The batch progress line on stderr — <c>done/total, images/s, ETA</c> — redrawn in place a few times a second,
/// only when stderr is a terminal (quiet when redirected). Error lines go through <see cref="WriteLine"/> so they
/// never interleave with the progress line.
/// </summary>
internal sealed class Progress : IDisposable
{
    private readonly object _lock = new();
    private readonly TextWriter _error;
    private readonly bool _enabled;
    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private int _done;
    private bool _drawn;

    public Progress(CliContext context, int total)
    {
        _error = context.Error;
        _enabled = context.ErrorIsTerminal && total > 0;
        _total = total;
        if (_enabled)
        {
            _timer = new Timer(_ => Draw(), null, 250, 250);
        }
    }

    public void Increment() => Interlocked.Increment(ref _done);

    /// <summary>Writes a whole line to stderr, above the progress line.</summary>
    public void WriteLine(string line)
    {
        lock (_lock)
        {
            Clear();
            _error.WriteLine(line);
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            if (_enabled)
            {
                Render();
                _error.WriteLine();
                _drawn = false;
            }
        }
    }

    private void Draw()
    {
        lock (_lock)
        {
            Render();
        }
    }

    private void Render()
    {
        int done = Volatile.Read(ref _done);
        double seconds = _clock.Elapsed.TotalSeconds;
        double rate = seconds > 0 ? done / seconds : 0;
        string eta = rate > 0 && done < _total ? Format(TimeSpan.FromSeconds((_total - done) / rate)) : "--:--";
        _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r\u001b[K{done}/{_total}  {rate:0.0} images/s  ETA {eta}"));
        _error.Flush();
        _drawn = true;
    }

    private void Clear()
    {
        if (_drawn)
        {
            _error.Write("\r\u001b[K");
            _drawn = false;
        }
    }

    private static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes}:{t.Seconds:00}";
}
