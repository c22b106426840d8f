using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Media;

/// <summary>What a finished ffmpeg/ffprobe run left behind.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last line of stderr, which is where ffmpeg puts the reason it failed.</summary>
    public string LastErrorLine => StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .LastOrDefault() ?? $"exit code {ExitCode}";

    /// <summary>The most of stderr a failure carries as its log (the job history keeps it for the admins).</summary>
    public const int LogCapChars = 16 * 1024;

    /// <summary>The failure of this run: "<paramref name="what"/>: last stderr line", carrying the tail of stderr as its log.</summary>
    public MediaToolException Failure(string what) =>
        new($"{what}: {LastErrorLine}", toolLog: StandardError.Length > LogCapChars ? StandardError[^LogCapChars..] : StandardError);
}

/// <summary>A media tool failed. <see cref="ToolLog"/> is the tail of its stderr when the tool ran and failed.</summary>
public sealed class MediaToolException(string message, Exception? inner = null, string? toolLog = null) : Exception(message, inner)
{
    public string? ToolLog { get; } = toolLog;
}

/// <summary>
/// Runs ffmpeg and ffprobe as child processes: arguments as a list (never a command string), no stdin,
/// stderr always drained (an unread pipe blocks the child) and capped, a timeout that kills the tree.
/// </summary>
public sealed class FfmpegRunner(IOptions<MediaToolOptions> options, ILogger<FfmpegRunner> logger)
{
    private const int StderrCapChars = 64 * 1024;
    private const int StdoutCapChars = 16 * 1024 * 1024;

    /// <param name="logLevel">ffmpeg's -loglevel: "error" keeps stderr to the reason of a failure; analysis
    /// filters such as ebur128 print their results at "info".</param>
    public Task<ToolResult> RunFfmpegAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        TimeSpan? timeout = null, string logLevel = "error") =>
        RunAsync(options.Value.FfmpegPath, ["-nostdin", "-hide_banner", "-nostats", "-loglevel", logLevel, .. arguments],
            timeout, cancellationToken);

    /// <summary>Runs ffmpeg with its stdout handed to <paramref name="consumeOutput"/> as a stream, for
    /// output too large to hold (decoded audio); stderr is still drained and capped.</summary>
    public Task<ToolResult> RunFfmpegStreamingAsync(IReadOnlyList<string> arguments, Func<Stream, CancellationToken, Task> consumeOutput,
        CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        RunAsync(options.Value.FfmpegPath, ["-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", .. arguments],
            timeout, cancellationToken, consumeOutput);

    public Task<ToolResult> RunFfprobeAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        TimeSpan? timeout = null) =>
        RunAsync(options.Value.FfprobePath, ["-hide_banner", "-loglevel", "error", .. arguments], timeout,
            cancellationToken);

    /// <summary>The first line of <c>tool -version</c>, or null when the tool cannot be run.</summary>
    public async Task<string?> GetVersionAsync(string tool, CancellationToken cancellationToken)
    {
        var path = tool == "ffprobe" ? options.Value.FfprobePath : options.Value.FfmpegPath;
        try
        {
            var result = await RunAsync(path, ["-version"], TimeSpan.FromSeconds(10), cancellationToken);
            return result.Succeeded ? result.StandardOutput.Split('\n')[0].Trim() : null;
        }
        catch (MediaToolException)
        {
            return null;
        }
    }

    private async Task<ToolResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan? timeout,
        CancellationToken cancellationToken, Func<Stream, CancellationToken, Task>? consumeOutput = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        logger.LogDebug("Running {Tool} {Arguments}", fileName, arguments);
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            throw new MediaToolException($"{Path.GetFileName(fileName)} could not be started: is it installed?", ex);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout ?? TimeSpan.FromSeconds(options.Value.ProcessTimeoutSeconds));

        var stdout = consumeOutput is null
            ? ReadCappedAsync(process.StandardOutput, StdoutCapChars, keepTail: false)
            : ConsumeAsync(process.StandardOutput.BaseStream, consumeOutput, timeoutSource.Token);
        var stderr = ReadCappedAsync(process.StandardError, StderrCapChars, keepTail: true);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            await Task.WhenAll(stdout, stderr);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw new MediaToolException($"{Path.GetFileName(fileName)} did not finish in time and was stopped.");
        }

        var result = new ToolResult(process.ExitCode, await stdout, await stderr);
        if (!result.Succeeded)
        {
            logger.LogWarning("{Tool} exited with {ExitCode}: {Error}", fileName, result.ExitCode, result.LastErrorLine);
        }
        return result;
    }

    private static async Task<string> ConsumeAsync(Stream output, Func<Stream, CancellationToken, Task> consume,
        CancellationToken cancellationToken)
    {
        try
        {
            await consume(output, cancellationToken);
        }
        finally
        {
            // Whatever the consumer left unread must still be drained, or the child blocks on a full pipe.
            await output.CopyToAsync(Stream.Null, CancellationToken.None);
        }
        return "";
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<string> ReadCappedAsync(StreamReader reader, int cap, bool keepTail)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > cap)
            {
                if (keepTail)
                {
                    text.Remove(0, text.Length - cap);
                }
                else
                {
                    text.Length = cap;
                }
            }
        }
        return text.ToString();
    }
}
