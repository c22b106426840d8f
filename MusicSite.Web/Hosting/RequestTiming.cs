using System.Diagnostics;
using MusicSite.Admin;

namespace MusicSite.Web.Hosting;

/// <summary>Times every request and hands its duration and final status to <see cref="RequestMetrics"/> (this node's
/// latency and error rate). Live event streams are left out: they stay open by design, their time is no latency.
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
            if (!context.RequestAborted.IsCancellationRequested
                && context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) != true)
            {
                metrics.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, status);
            }
        }
    }
}
