namespace FastXray.Cli;

/// <summary>The process exit codes; documented in <c>fastxray --help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded.</summary>
    public const int Ok = 0;

    /// <summary>Bad input: an unreadable, corrupt or unsupported file (batch: some inputs failed).</summary>
    public const int BadInput = 1;

    /// <summary>The command line is wrong; nothing was read or written.</summary>
    public const int Usage = 2;

    /// <summary>batch: no input matched.</summary>
    public const int NothingMatched = 3;

    /// <summary>Interrupted by Ctrl-C (128 + SIGINT).</summary>
    public const int Interrupted = 130;
}
