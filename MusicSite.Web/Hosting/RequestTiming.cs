using System.Diagnostics;
using MusicSite.Admin;

namespace MusicSite.Web.Hosting;

/// <summary>Times every request and hands its duration and final status to <see cref="RequestMetrics"/> (this node's
/// latency and error rate). Live event streams are left out: they stay open by design, their time is no latency. So
/// are audio answers: a player reads a stream at the music's pace, so its time is the listener's, not the site's.
/// A request that throws past every handler counts as a 500; one whose client went away is not counted.</summary>
public sealed class RequestTiming(RequestDelegate next, RequestMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            // A client that went away gave no answer to time.
            if (!context.RequestAborted.IsCancellationRequested && !IsOpenEnded(context.Response.ContentType))
            {
                metrics.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, status);
            }
        }
    }

    private static bool IsOpenEnded(string? contentType) => contentType is not null
        && (contentType.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase));
}
